// Bounce processing's tables: each member's bounce record, the log of bounces received, and the
// hand-over of delivery failures (each is taken for scoring exactly once, even by racing workers).
// Decisions on a member's record are taken under its row lock (lockBounceInfo).
import type { Kysely, Selectable } from 'kysely';
import type { DB, BounceEventsTable, BounceInfoTable } from './schema.ts';
import type { BounceEvent, BounceInfo, BounceSource, UnscoredFailure } from '../types.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));
const msOrNull = (d: Date | null): number | null => (d === null ? null : d.getTime());

function toInfo(r: Selectable<BounceInfoTable>): BounceInfo {
  return {
    memberId: Number(r.member_id),
    listId: Number(r.list_id),
    score: Number(r.score),
    lastBounceAt: dateOrNull(r.last_bounce_at),
    disabledAt: dateOrNull(r.disabled_at),
    warningsSent: Number(r.warnings_sent),
    lastWarningAt: dateOrNull(r.last_warning_at),
    probeToken: r.probe_token,
    probeSentAt: dateOrNull(r.probe_sent_at),
  };
}

function toEvent(r: Selectable<BounceEventsTable>): BounceEvent & { id: number } {
  return {
    id: Number(r.id),
    listId: Number(r.list_id),
    memberId: r.member_id === null ? null : Number(r.member_id),
    address: r.address,
    at: new Date(Number(r.at)),
    source: r.source as BounceSource,
    kind: r.kind,
    reason: r.reason,
    permanent: r.permanent === null ? null : Number(r.permanent) === 1,
    weight: Number(r.weight),
    outcome: r.outcome,
    messageId: r.message_id === null ? null : Number(r.message_id),
    detail: r.detail,
  };
}

export async function getBounceInfo(db: Kysely<DB>, memberId: number): Promise<BounceInfo | null> {
  const r = await db.selectFrom('bounce_info').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return r ? toInfo(r) : null;
}

export async function lockBounceInfo(db: Kysely<DB>, memberId: number, listId: number): Promise<BounceInfo> {
  await db
    .insertInto('bounce_info')
    .values({ member_id: memberId, list_id: listId, score: 0, last_bounce_at: null, disabled_at: null, warnings_sent: 0, last_warning_at: null, probe_token: null, probe_sent_at: null })
    .onConflict((oc) => oc.column('member_id').doNothing())
    .execute();
  // A no-op UPDATE takes the row lock on PostgreSQL: two workers never decide on one member at once.
  const r = await db.updateTable('bounce_info').set((eb) => ({ score: eb.ref('score') })).where('member_id', '=', memberId).returningAll().executeTakeFirstOrThrow();
  return toInfo(r);
}

export async function putBounceInfo(db: Kysely<DB>, i: BounceInfo): Promise<void> {
  const row = {
    list_id: i.listId, score: i.score, last_bounce_at: msOrNull(i.lastBounceAt), disabled_at: msOrNull(i.disabledAt),
    warnings_sent: i.warningsSent, last_warning_at: msOrNull(i.lastWarningAt), probe_token: i.probeToken, probe_sent_at: msOrNull(i.probeSentAt),
  };
  await db
    .insertInto('bounce_info')
    .values({ member_id: i.memberId, ...row })
    .onConflict((oc) => oc.column('member_id').doUpdateSet(row))
    .execute();
}

export async function deleteBounceInfo(db: Kysely<DB>, memberId: number): Promise<void> {
  await db.deleteFrom('bounce_info').where('member_id', '=', memberId).execute();
}

export async function findBounceInfoByProbe(db: Kysely<DB>, token: string): Promise<BounceInfo | null> {
  const r = await db.selectFrom('bounce_info').selectAll().where('probe_token', '=', token).executeTakeFirst();
  return r ? toInfo(r) : null;
}

export async function activeBounceInfo(db: Kysely<DB>, afterMemberId: number, limit: number): Promise<BounceInfo[]> {
  const rows = await db
    .selectFrom('bounce_info')
    .selectAll()
    .where('member_id', '>', afterMemberId)
    .where((eb) => eb.or([eb('score', '>', 0), eb('disabled_at', 'is not', null), eb('probe_token', 'is not', null)]))
    .orderBy('member_id')
    .limit(limit)
    .execute();
  return rows.map(toInfo);
}

export async function listBounceInfo(db: Kysely<DB>, listId: number): Promise<BounceInfo[]> {
  return (await db.selectFrom('bounce_info').selectAll().where('list_id', '=', listId).orderBy('member_id').execute()).map(toInfo);
}

export async function recordBounceEvent(db: Kysely<DB>, e: BounceEvent): Promise<void> {
  await db
    .insertInto('bounce_events')
    .values({
      list_id: e.listId, member_id: e.memberId, address: e.address.slice(0, 320), at: e.at.getTime(), source: e.source, kind: e.kind,
      reason: e.reason, permanent: e.permanent === null ? null : e.permanent ? 1 : 0, weight: e.weight, outcome: e.outcome,
      message_id: e.messageId, detail: e.detail.slice(0, 1000),
    })
    .execute();
}

export async function listBounceEvents(db: Kysely<DB>, listId: number, limit: number): Promise<Array<BounceEvent & { id: number }>> {
  const rows = await db.selectFrom('bounce_events').selectAll().where('list_id', '=', listId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toEvent);
}

export async function takeUnscoredDeliveryFailures(db: Kysely<DB>, limit: number, skipLocked: boolean): Promise<UnscoredFailure[]> {
  // PostgreSQL: SKIP LOCKED lets racing workers take disjoint batches, and the outer
  // `bounce_scored = 0` is checked again once a row lock is won, so no failure is taken twice.
  // SQLite has one writer at a time.
  const rows = await db
    .updateTable('delivery_failures')
    .set({ bounce_scored: 1 })
    .where('bounce_scored', '=', 0)
    .where('id', 'in', (eb) =>
      eb.selectFrom('delivery_failures').select('id').where('bounce_scored', '=', 0).orderBy('id').limit(limit).$if(skipLocked, (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows
    .map((r) => ({
      id: Number(r.id), listId: Number(r.list_id), postId: Number(r.post_id), recipient: r.recipient, code: r.code === null ? null : Number(r.code),
      enhanced: r.enhanced, response: r.response, permanent: Number(r.permanent) === 1, at: new Date(Number(r.at)),
    }))
    .sort((a, b) => a.id - b.id);
}
