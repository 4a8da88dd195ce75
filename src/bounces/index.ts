// Bounce handling, the module's public face: parse a delivery report into failed addresses,
// a kind (failure, warning, delay...) and a reason.
export { parseBounce } from './parse-bounce.ts';
export type { BounceResult, BounceKind, BounceReason, BounceRecipient } from './types.ts';
// Bounce processing: scoring, disabling, reminders, removal, probes and re-enabling.
export type { BounceDeps } from './deps.ts';
export { processBounceMail, registerBounce, verpAddress, type BounceReport } from './process-bounce.ts';
export { scoreDeliveryFailures } from './delivery-failures.ts';
export { runBounceMaintenance, type BounceMaintenanceResult } from './maintenance.ts';
export { addBounce, weigh, disabledStep, NOT_THE_MEMBERS_FAULT } from './scoring.ts';
export { reenableToken } from './reenable-link.ts';
export { reenable, reenableByToken, describeReenableToken, type ReenableTarget } from './reenable.ts';
