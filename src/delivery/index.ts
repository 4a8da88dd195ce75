// The delivery feature's public face.
export { composeNotice, type NoticeInput } from './compose-notice.ts';
export { NotifyPayload, notifyJob } from './notify-payload.ts';
export { sendNotice, NoticeDeferredError } from './send-notice.ts';
export { DeliverPayload, planDelivery, runDeliverJob, verpSender, type DeliveryDeps } from './deliver-job.ts';
export { RendererCache } from './renderer-cache.ts';
export type { Transport, Envelope, SendResult, RecipientOutcome } from './transports/types.ts';
export { openTransport } from './transports/index.ts';
