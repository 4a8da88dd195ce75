// Smaller records: confirmation tokens, rate-limit events, delivery failures, site values.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { toPending } from './rows.ts';
import type { DeliveryFailure, Pending, PendingKind } from '../types.ts';

export async function createPending(db: Kysely<DB>, p: Pending): Promise<void> {
  await db
    .insertInto('pending')
    .values({ token: p.token, list_id: p.listId, kind: p.kind, address: p.address, data: JSON.stringify(p.data), created_at: p.createdAt.getTime(), expires_at: p.expiresAt.getTime() })
    .execute();
}

export async function getPending(db: Kysely<DB>, token: string): Promise<Pending | null> {
  const r = await db.selectFrom('pending').selectAll().where('token', '=', token).executeTakeFirst();
  return r ? toPending(r) : null;
}

export async function listPending(db: Kysely<DB>, listId: number, kind?: PendingKind): Promise<Pending[]> {
  let q = db.selectFrom('pending').selectAll().where('list_id', '=', listId);
  if (kind) q = q.where('kind', '=', kind);
  return (await q.orderBy('created_at').execute()).map(toPending);
}

export async function hitRateLimit(db: Kysely<DB>, key: string, now: Date, windowMs: number, limit: number): Promise<boolean> {
  const since = now.getTime() - windowMs;
  await db.deleteFrom('rate_events').where('key', '=', key).where('at', '<', since).execute();
  const r = await db.selectFrom('rate_events').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', key).executeTakeFirstOrThrow();
  if (Number(r.n) >= limit) return false;
  await db.insertInto('rate_events').values({ key, at: now.getTime() }).execute();
  return true;
}

export async function recordDeliveryFailures(db: Kysely<DB>, f: DeliveryFailure[]): Promise<void> {
  if (f.length === 0) return;
  await db
    .insertInto('delivery_failures')
    .values(f.map((x) => ({ list_id: x.listId, post_id: x.postId, recipient: x.recipient, code: x.code, enhanced: x.enhanced, response: x.response.slice(0, 1000), permanent: x.permanent ? 1 : 0, at: x.at.getTime() })))
    .execute();
}

export async function listDeliveryFailures(db: Kysely<DB>, listId: number, limit: number): Promise<DeliveryFailure[]> {
  const rows = await db.selectFrom('delivery_failures').selectAll().where('list_id', '=', listId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    listId: Number(r.list_id), postId: Number(r.post_id), recipient: r.recipient, code: r.code, enhanced: r.enhanced,
    response: r.response, permanent: r.permanent === 1, at: new Date(Number(r.at)),
  }));
}
