// Bounce handling, the module's public face: parse a delivery report into failed addresses,
// a kind (failure, warning, delay...) and a reason.
export { parseBounce } from './parse-bounce.ts';
export type { BounceResult, BounceKind, BounceReason, BounceRecipient } from './types.ts';
