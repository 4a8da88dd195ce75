// Membership queries: one row per (list, role, address); the lookup key is the folded address.
import type { Kysely } from 'kysely';
import { CaucusError } from '../../domain/errors.ts';
import { addressKey } from '../../domain/address.ts';
import type { Member, MemberRole } from '../../domain/list.ts';
import type { MemberPatch, MemberQuery, NewMember, Recipient } from '../types.ts';
import type { DB } from './schema.ts';
import { toMember } from './rows.ts';

const isUniqueViolation = (e: unknown): boolean => /unique|duplicate key/i.test(String((e as Error)?.message));

export async function addMember(db: Kysely<DB>, m: NewMember, now: Date, token: string): Promise<Member> {
  try {
    const row = await db
      .insertInto('members')
      .values({
        list_id: m.listId,
        address: m.address,
        address_key: addressKey(m.address),
        display_name: m.displayName ?? '',
        role: m.role ?? 'member',
        delivery_mode: m.deliveryMode ?? 'regular',
        delivery_enabled: 1,
        disabled_reason: null,
        receive_own_posts: 1,
        acknowledge_posts: 0,
        hide_from_roster: 0,
        moderation_action: m.moderationAction ?? null,
        unsubscribe_token: token,
        created_at: now.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMember(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new CaucusError('conflict', `${m.address} is already a ${m.role ?? 'member'} of this list`);
    throw e;
  }
}

export async function getMember(db: Kysely<DB>, listId: number, address: string, role: MemberRole): Promise<Member | null> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where('list_id', '=', listId)
    .where('role', '=', role)
    .where('address_key', '=', addressKey(address))
    .executeTakeFirst();
  return row ? toMember(row) : null;
}

export async function getMemberBy(db: Kysely<DB>, col: 'id' | 'unsubscribe_token', value: number | string): Promise<Member | null> {
  const q = db.selectFrom('members').selectAll();
  const row = await (col === 'id' ? q.where('id', '=', Number(value)) : q.where('unsubscribe_token', '=', String(value))).executeTakeFirst();
  return row ? toMember(row) : null;
}

export async function listMembers(db: Kysely<DB>, listId: number, q: MemberQuery = {}): Promise<Member[]> {
  let query = db.selectFrom('members').selectAll().where('list_id', '=', listId);
  if (q.role) query = query.where('role', '=', q.role);
  if (q.search) {
    const like = `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('address_key', 'like', like), eb('display_name', 'like', like)]));
  }
  const rows = await query
    .orderBy('address_key')
    .orderBy('id')
    .limit(q.limit ?? 1_000_000)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map(toMember);
}

export async function countMembers(db: Kysely<DB>, listId: number, role?: MemberRole): Promise<number> {
  let q = db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId);
  if (role) q = q.where('role', '=', role);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateMember(db: Kysely<DB>, id: number, p: MemberPatch): Promise<Member> {
  const set: Partial<Record<string, string | number | null>> = {};
  if (p.displayName !== undefined) set.display_name = p.displayName;
  if (p.deliveryMode !== undefined) set.delivery_mode = p.deliveryMode;
  if (p.deliveryEnabled !== undefined) set.delivery_enabled = p.deliveryEnabled ? 1 : 0;
  if (p.disabledReason !== undefined) set.disabled_reason = p.disabledReason;
  if (p.receiveOwnPosts !== undefined) set.receive_own_posts = p.receiveOwnPosts ? 1 : 0;
  if (p.acknowledgePosts !== undefined) set.acknowledge_posts = p.acknowledgePosts ? 1 : 0;
  if (p.hideFromRoster !== undefined) set.hide_from_roster = p.hideFromRoster ? 1 : 0;
  if (p.moderationAction !== undefined) set.moderation_action = p.moderationAction;
  if (p.address !== undefined) {
    set.address = p.address;
    set.address_key = addressKey(p.address);
  }
  if (Object.keys(set).length > 0) {
    try {
      await db.updateTable('members').set(set).where('id', '=', id).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new CaucusError('conflict', 'that address already has this membership');
      throw e;
    }
  }
  const m = await getMemberBy(db, 'id', id);
  if (!m) throw new CaucusError('not_found', `no member with id ${id}`);
  return m;
}

export async function regularRecipients(db: Kysely<DB>, listId: number): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('members')
    .select(['id', 'address', 'address_key', 'unsubscribe_token', 'receive_own_posts'])
    .where('list_id', '=', listId)
    .where('role', '=', 'member')
    .where('delivery_enabled', '=', 1)
    .where('delivery_mode', '=', 'regular')
    .orderBy('address_key')
    .execute();
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of rows) {
    if (seen.has(r.address_key)) continue;
    seen.add(r.address_key);
    out.push({ memberId: Number(r.id), address: r.address, unsubscribeToken: r.unsubscribe_token, receiveOwnPosts: r.receive_own_posts === 1 });
  }
  return out;
}

export async function membershipsOf(db: Kysely<DB>, address: string, role?: MemberRole): Promise<Member[]> {
  let q = db.selectFrom('members').selectAll().where('address_key', '=', addressKey(address));
  if (role) q = q.where('role', '=', role);
  return (await q.orderBy('list_id').execute()).map(toMember);
}
