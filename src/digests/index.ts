// The digest feature's public face: collect accepted posts, build and number issues when they are
// due (size or schedule) or forced, render them (MIME and RFC 1153 plain), deliver them.
export type { DigestDeps } from './deps.ts';
export { collectForDigest } from './collect.ts';
export { DigestPayload, buildDigestJob } from './payload.ts';
export { buildDigest, type BuildOutcome, type BuiltIssue } from './build-issue.ts';
export { deliverDigest } from './deliver.ts';
export { runDigestJob, enqueueDueDigests } from './run-job.ts';
export { bumpDigestVolume, resetDigestNumbers } from './numbering.ts';
export { digestDue, numberIssue, periodStart } from './schedule.ts';
export { readPost, type DigestItem } from './read-post.ts';
export { renderMimeDigest, renderPlainDigest, digestTitle, type DigestIssueInput } from './render/index.ts';
