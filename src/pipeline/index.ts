// The pipeline feature's public face.
export { processIncoming, IncomingPayload } from './process-incoming.ts';
export { processPost, acceptPost, decide } from './process-post.ts';
export { extractPostFacts } from './post-facts.ts';
export type { PipelineDeps } from './deps.ts';
