// Archive writes: raw bytes kept once (an `archived` message, or the post already stored), numbers
// assigned per list from a counter that only grows, overview and search rows, thread placements.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { DialectSpec, SqlValue } from '../dialects/types.ts';
import { archiveSearchFor, type SearchRow } from '../dialects/archive-search.ts';
import type { ArchiveLink, ArchiveNode, ArchiveOverviewFields, ArchivePlacement, ArchiveThreadPlacement, NewArchiveEntry } from '../types.ts';
import { asLink, isInferred, nz, overviewColumns } from './archive-rows.ts';

const CHUNK = 500;

export async function hasDigests(db: Kysely<DB>, listId: number, sha256s: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < sha256s.length; i += CHUNK) {
    const part = sha256s.slice(i, i + CHUNK);
    if (part.length === 0) continue;
    const rows = await db.selectFrom('archive_messages').select('sha256').where('list_id', '=', listId).where('sha256', 'in', part).execute();
    for (const r of rows) out.add(r.sha256);
  }
  return out;
}

/** Reserves `n` archive numbers for a list: the counter starts at 0, as Pipermail's does. */
async function reserveNumbers(db: Kysely<DB>, listId: number, n: number): Promise<number> {
  await db.insertInto('archive_lists').values({ list_id: listId, next_number: 0 }).onConflict((oc) => oc.column('list_id').doNothing()).execute();
  const r = await db.updateTable('archive_lists').set((eb) => ({ next_number: eb('next_number', '+', n) }))
    .where('list_id', '=', listId).returning('next_number').executeTakeFirstOrThrow();
  return Number(r.next_number) - n;
}

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS = 200;

/** Inserts rows through the dialect's bulk path (DialectSpec.insertRows); returns their ids in order. */
async function insertAll(db: Kysely<DB>, spec: DialectSpec, table: 'messages' | 'archive_messages', rows: ReadonlyArray<Record<string, SqlValue>>): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  return spec.insertRows(db, table, columns, rows.map((r) => columns.map((c) => r[c] ?? null)));
}

export async function addEntries(db: Kysely<DB>, spec: DialectSpec, entries: readonly NewArchiveEntry[]): Promise<number[]> {
  const byList = new Map<number, number>();
  for (const e of entries) byList.set(e.listId, (byList.get(e.listId) ?? 0) + 1);
  const next = new Map<number, number>();
  for (const [listId, n] of byList) next.set(listId, await reserveNumbers(db, listId, n));
  const fresh = entries.filter((e) => e.rawId === null);
  const rawIds = await insertAll(db, spec, 'messages', fresh.map((e) => {
    if (!e.stored) throw new Error('an archive entry needs its raw bytes or the id of a stored message');
    const { data, codec, size } = e.stored;
    return {
      list_id: e.listId, kind: 'archived', role: null, detail: null, state: 'archived', envelope_from: null,
      message_id: nz(e.messageId), subject: nz(e.subject), from_address: nz(e.authorAddress), size, raw: data, codec,
      hits: '[]', state_reason: e.badReason === null ? null : nz(e.badReason), hold_expires_at: null, received_at: e.date.getTime(),
      source_id: null, sequence: null,
    };
  }));
  let k = 0;
  const ids = await insertAll(db, spec, 'archive_messages', entries.map((e) => {
    const rawId = e.rawId ?? rawIds[k++]!;
    const number = next.get(e.listId) ?? 0;
    next.set(e.listId, number + 1);
    const link: ArchiveLink = e.node?.link ?? 'none';
    return {
      list_id: e.listId, number, raw_id: rawId, sha256: e.sha256, from_line: e.fromLine === null ? null : nz(e.fromLine),
      hidden: e.hidden ? 1 : 0, duplicate: e.duplicate ? 1 : 0, ...overviewColumns(e),
      thread_id: e.node?.threadId ?? null, parent_id: e.node?.parentId ?? null, link, inferred: isInferred(link),
    };
  }));
  const search: SearchRow[] = [];
  entries.forEach((e, j) => {
    if (e.badReason === null) search.push({ id: ids[j]!, subject: nz(e.subject), author: nz(`${e.authorName} ${e.authorAddress}`), body: nz(e.text) });
  });
  await archiveSearchFor(spec.name).put(db, search, spec.insertRows);
  return ids;
}

export async function rewriteEntry(db: Kysely<DB>, spec: DialectSpec, id: number, f: ArchiveOverviewFields, text: string): Promise<void> {
  const cols = overviewColumns(f);
  await db.updateTable('archive_messages').set(cols).where('id', '=', id).execute();
  const s = archiveSearchFor(spec.name);
  await s.remove(db, [id]);
  if (f.badReason === null) await s.put(db, [{ id, subject: cols.subject, author: nz(`${f.authorName} ${f.authorAddress}`), body: nz(text) }], spec.insertRows);
}

/** Nodes with these ids and all their ancestors, walked level by level (never recursively). */
export async function nodes(db: Kysely<DB>, listId: number, messageIds: readonly string[]): Promise<ArchiveNode[]> {
  const found = new Map<string, ArchiveNode>();
  let pending = [...new Set(messageIds.map(nz))];
  for (let depth = 0; pending.length > 0 && depth < 10_000; depth++) {
    const parents = new Set<string>();
    for (let i = 0; i < pending.length; i += CHUNK) {
      const part = pending.slice(i, i + CHUNK);
      const msgs = await db.selectFrom('archive_messages').select(['message_id', 'thread_id', 'parent_id', 'link'])
        .where('list_id', '=', listId).where('duplicate', '=', 0).where('thread_id', 'is not', null).where('message_id', 'in', part).execute();
      const ghosts = await db.selectFrom('archive_ghosts').select(['message_id', 'thread_id', 'parent_id', 'link'])
        .where('list_id', '=', listId).where('message_id', 'in', part).execute();
      for (const [rows, ghost] of [[msgs, false], [ghosts, true]] as const) {
        for (const r of rows) {
          if (found.has(r.message_id)) continue;
          found.set(r.message_id, { messageId: r.message_id, threadId: r.thread_id ?? r.message_id, parentId: r.parent_id, ghost, link: asLink(r.link) });
          if (r.parent_id) parents.add(r.parent_id);
        }
      }
    }
    pending = [...parents].filter((p) => !found.has(p));
  }
  return [...found.values()];
}

async function upsertNode(db: Kysely<DB>, listId: number, n: ArchiveNode): Promise<void> {
  const link = n.link;
  if (!n.ghost) {
    await db.updateTable('archive_messages').set({ thread_id: nz(n.threadId), parent_id: n.parentId === null ? null : nz(n.parentId), link, inferred: isInferred(link) })
      .where('list_id', '=', listId).where('message_id', '=', nz(n.messageId)).where('duplicate', '=', 0).execute();
    return;
  }
  await db.insertInto('archive_ghosts').values({ list_id: listId, message_id: nz(n.messageId), thread_id: nz(n.threadId), parent_id: n.parentId === null ? null : nz(n.parentId), link })
    .onConflict((oc) => oc.columns(['list_id', 'message_id']).doUpdateSet({ thread_id: nz(n.threadId), parent_id: n.parentId === null ? null : nz(n.parentId), link }))
    .execute();
}

export async function applyPlacement(db: Kysely<DB>, listId: number, entryId: number, p: ArchivePlacement): Promise<void> {
  const n = p.node;
  await db.deleteFrom('archive_ghosts').where('list_id', '=', listId).where('message_id', '=', nz(n.messageId)).execute();
  await db.updateTable('archive_messages').set({
    thread_id: nz(n.threadId), parent_id: n.parentId === null ? null : nz(n.parentId), link: n.link, inferred: isInferred(n.link), duplicate: p.duplicate ? 1 : 0,
  }).where('id', '=', entryId).execute();
  for (const u of p.updates) if (u.messageId !== n.messageId || u.ghost) await upsertNode(db, listId, u);
  for (const { from, into } of p.merges) {
    if (from === into) continue;
    await db.updateTable('archive_messages').set({ thread_id: nz(into) }).where('list_id', '=', listId).where('thread_id', '=', nz(from)).execute();
    await db.updateTable('archive_ghosts').set({ thread_id: nz(into) }).where('list_id', '=', listId).where('thread_id', '=', nz(from)).execute();
  }
}

/** Up to `n` items of `it` at a time. */
function* chunksOf<T>(items: Iterable<T>, n: number): Generator<T[]> {
  let part: T[] = [];
  for (const x of items) {
    part.push(x);
    if (part.length >= n) {
      yield part;
      part = [];
    }
  }
  if (part.length > 0) yield part;
}

/** The list's readable rows, as archive_month_counts keeps them. */
async function readableCount(db: Kysely<DB>, listId: number): Promise<number> {
  const r = (await sql<{ n: number | null }>`SELECT SUM(n) AS n FROM archive_month_counts WHERE list_id = ${listId}`.execute(db)).rows[0];
  return Number(r?.n ?? 0);
}

/** Writes the placements; with `publish`, shows the hidden rows placed and says how many readable rows that showed. */
export async function replaceThreads(db: Kysely<DB>, listId: number, placed: Iterable<ArchiveThreadPlacement>, ghosts: Iterable<ArchiveNode>, publish = false): Promise<{ published: number }> {
  const before = publish ? await readableCount(db, listId) : 0;
  await db.deleteFrom('archive_ghosts').where('list_id', '=', listId).execute();
  // One UPDATE … FROM (VALUES …) per chunk instead of one statement per message; VALUES columns are
  // column1… on both SQLite and PostgreSQL, and the casts give PostgreSQL their types. The input is
  // read a chunk at a time, so a generator's placements are never all held at once.
  for (const part of chunksOf(placed, ROWS)) {
    const values = part.map((p) =>
      sql`(${p.id}, ${nz(p.threadId)}, ${p.parentId === null ? null : nz(p.parentId)}, ${p.link}, ${isInferred(p.link)}, ${p.duplicate ? 1 : 0})`);
    await sql`UPDATE archive_messages SET thread_id = v.column2, parent_id = v.column3, link = v.column4,
      inferred = CAST(v.column5 AS integer), duplicate = CAST(v.column6 AS integer)${publish ? sql`, hidden = 0` : sql``}
      FROM (VALUES ${sql.join(values)}) AS v WHERE archive_messages.id = CAST(v.column1 AS bigint)`.execute(db);
  }
  for (const part of chunksOf(ghosts, ROWS)) {
    const rows = part.map((g) => ({ list_id: listId, message_id: nz(g.messageId), thread_id: nz(g.threadId), parent_id: g.parentId === null ? null : nz(g.parentId), link: g.link }));
    await db.insertInto('archive_ghosts').values(rows).onConflict((oc) => oc.columns(['list_id', 'message_id']).doNothing()).execute();
  }
  return { published: publish ? (await readableCount(db, listId)) - before : 0 };
}

export async function publish(db: Kysely<DB>, listId: number): Promise<number> {
  const r = await db.updateTable('archive_messages').set({ hidden: 0 }).where('list_id', '=', listId).where('hidden', '=', 1).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function subjectMatch(db: Kysely<DB>, listId: number, baseSubject: string, before: Date, sinceMs: number): Promise<{ messageId: string; date: Date } | null> {
  if (!baseSubject) return null;
  const r = await db.selectFrom('archive_messages').select(['message_id', 'date'])
    .where('list_id', '=', listId).where(sql<string>`lower(base_subject)`, '=', nz(baseSubject.toLowerCase()))
    .where('duplicate', '=', 0).where('date', '<=', before.getTime()).where('date', '>=', before.getTime() - sinceMs)
    .orderBy('date').limit(1).executeTakeFirst();
  return r ? { messageId: r.message_id, date: new Date(Number(r.date)) } : null;
}
