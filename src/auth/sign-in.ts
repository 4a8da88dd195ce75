// Signing in. Members use an emailed link (no password: Mailman 2's lesson that nobody should need
// an account to manage a subscription); site admins, owners and moderators use a password hashed
// with argon2id, set and reset through an emailed link. Nothing said to the asker reveals whether
// an address is known here.
import { addressKey, isValidAddress } from '../domain/address.ts';
import { CaucusError } from '../domain/errors.ts';
import type { AuthDeps } from './deps.ts';
import { issueLink, LINK_TTL_MS, takeLink } from './links.ts';
import { queueSiteMail } from './mail.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { openSession, type OpenedSession } from './sessions.ts';
import { passwordText, signInText } from './texts.ts';
import { passwordLinkUrl } from './urls.ts';

const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Password attempts per address in 15 minutes: enough for typos, far too few for guessing. */
export const SIGN_IN_ATTEMPTS = 10;

/** A hash of nothing, verified when the address has no password, so timing does not tell. */
let decoy: Promise<string> | null = null;

async function knownHere(d: AuthDeps, address: string): Promise<{ member: boolean; staff: boolean }> {
  const memberships = await d.store.membershipsOf(address);
  const account = await d.store.getAccount(address);
  return {
    member: memberships.length > 0,
    staff: memberships.some((m) => m.role !== 'member') || account !== null,
  };
}

/** Mails a sign-in link when the address has any membership here; says nothing either way. */
export async function requestSignInLink(d: AuthDeps, address: string): Promise<{ sent: boolean }> {
  if (!isValidAddress(address)) return { sent: false };
  const known = await knownHere(d, address);
  if (!known.member && !known.staff) return { sent: false };
  const token = await issueLink(d, address, 'sign_in');
  return { sent: await queueSiteMail(d, { to: address, purpose: 'sign-in-link', ...signInText(d.site, address, token, LINK_TTL_MS.sign_in) }) };
}

export async function signInWithLink(d: AuthDeps, token: string): Promise<OpenedSession | null> {
  const link = await takeLink(d, token, 'sign_in');
  return link ? openSession(d, link.address, 'link') : null;
}

/**
 * Checks a password. Too many attempts for one address in 15 minutes throw `rate_limited`
 * whatever the password, so guessing is slow even from many machines.
 */
export async function signInWithPassword(d: AuthDeps, address: string, password: string): Promise<OpenedSession | null> {
  if (!(await d.store.hitRateLimit(`sign-in:${addressKey(address)}`, d.now(), SIGN_IN_WINDOW_MS, SIGN_IN_ATTEMPTS))) {
    throw new CaucusError('rate_limited', 'Too many sign-in attempts for this address; wait a quarter of an hour.');
  }
  const account = isValidAddress(address) ? await d.store.getAccount(address) : null;
  if (!account?.passwordHash) {
    decoy ??= hashPassword('decoy-password-never-matches');
    await verifyPassword(await decoy, password);
    return null;
  }
  if (!(await verifyPassword(account.passwordHash, password))) return null;
  return openSession(d, account.address, 'password');
}

/** Mails a set-password link to site admins, owners and moderators; says nothing either way. */
export async function requestPasswordLink(d: AuthDeps, address: string): Promise<{ sent: boolean }> {
  if (!isValidAddress(address)) return { sent: false };
  if (!(await knownHere(d, address)).staff) return { sent: false };
  const token = await issueLink(d, address, 'set_password');
  return { sent: await queueSiteMail(d, { to: address, purpose: 'password-link', ...passwordText(d.site, address, token, LINK_TTL_MS.set_password, false) }) };
}

/** Sets the password a link was mailed for, ends the address's other sessions and opens a new one. */
export async function setPasswordWithLink(d: AuthDeps, token: string, password: string): Promise<OpenedSession | null> {
  const hash = await hashPassword(password);
  const link = await takeLink(d, token, 'set_password');
  if (!link) return null;
  await d.store.ensureAccount(link.address, d.now());
  await d.store.setAccountPassword(link.address, hash, d.now());
  await d.store.deleteSessionsOf(link.address);
  return openSession(d, link.address, 'password');
}

/** Makes (or promotes) a site administrator and returns a one-time link to choose a password. */
export async function createSiteAdmin(d: AuthDeps, address: string): Promise<{ url: string; expiresAt: Date }> {
  if (!isValidAddress(address)) throw new CaucusError('invalid', `not an email address: ${JSON.stringify(address)}`);
  await d.store.ensureAccount(address, d.now(), { siteAdmin: true });
  const token = await issueLink(d, address, 'set_password');
  return { url: passwordLinkUrl(d.site, token), expiresAt: new Date(d.now().getTime() + LINK_TTL_MS.set_password) };
}
