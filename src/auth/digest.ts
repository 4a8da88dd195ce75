// Secrets handed out (session cookies, link tokens, API tokens) are stored only as this digest, so
// a copy of the database opens no session. SHA-256 suffices: the secrets are 160-bit random.
import { createHash } from 'node:crypto';

export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
