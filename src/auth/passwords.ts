// Password hashing with argon2id (RFC 9106) at the OWASP-recommended cost (19 MiB, two passes),
// and the one rule a password must meet. Verification never throws on a damaged hash.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { CaucusError } from '../domain/errors.ts';

const ARGON2ID = 2 as Algorithm;
export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 1024;

/** Refuses passwords too short to resist guessing, and absurdly long ones (a cheap DoS on hashing). */
export function checkPasswordRule(password: string): void {
  if ([...password].length < PASSWORD_MIN) throw new CaucusError('invalid', `A password needs at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) throw new CaucusError('invalid', `A password may have at most ${PASSWORD_MAX} characters.`);
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordRule(password);
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}
