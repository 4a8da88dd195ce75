// Digest rendering: pure functions from the issue's posts to the two messages, MIME and plain.
export { renderMimeDigest } from './mime-digest.ts';
export { renderPlainDigest } from './plain-digest.ts';
export { digestTitle, type DigestIssueInput } from './parts.ts';
