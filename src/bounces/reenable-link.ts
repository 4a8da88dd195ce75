// The member's signed re-enable link: `/reenable/<member id>-<HMAC>` over the membership and its
// secret unsubscribe token, so it works without a login, cannot be forged for another member, and
// dies with the membership. Lower-case hex, like every token Caucus mails.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Member } from '../domain/list.ts';
import type { Store } from '../store/types.ts';

const sign = (secret: string, m: Pick<Member, 'id' | 'unsubscribeToken'>): string =>
  createHmac('sha256', secret).update(`reenable:${m.id}:${m.unsubscribeToken}`).digest('hex').slice(0, 32);

export function reenableToken(secret: string, m: Pick<Member, 'id' | 'unsubscribeToken'>): string {
  return `${m.id}-${sign(secret, m)}`;
}

/** The membership a re-enable token names, or null when it is malformed, forged or the member is gone. */
export async function memberOfReenableToken(store: Store, secret: string, token: string): Promise<Member | null> {
  const m = /^(\d{1,15})-([0-9a-f]{32})$/.exec(token);
  if (!m) return null;
  const member = await store.getMemberById(Number(m[1]));
  if (!member) return null;
  const want = Buffer.from(sign(secret, member));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && timingSafeEqual(want, got) ? member : null;
}
