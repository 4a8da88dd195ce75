// Messages: raw bytes stored once (compressed) with the facts the queue pages need beside them.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { encodeRaw, decodeRaw } from '../../domain/raw-codec.ts';
import { toMessage } from './rows.ts';
import type { MessageState, MessageUpdate, NewIncoming, StoredMessage } from '../types.ts';

const COLUMNS = [
  'id', 'list_id', 'kind', 'role', 'detail', 'state', 'envelope_from', 'message_id', 'subject', 'from_address',
  'size', 'codec', 'hits', 'state_reason', 'hold_expires_at', 'received_at', 'source_id', 'sequence',
] as const;

export async function saveIncoming(db: Kysely<DB>, m: NewIncoming): Promise<number> {
  const { data, codec } = encodeRaw(m.raw);
  const r = await db
    .insertInto('messages')
    .values({
      list_id: m.listId, kind: 'incoming', role: m.role, detail: m.detail, state: 'received',
      envelope_from: m.envelopeFrom, message_id: null, subject: null, from_address: null,
      size: m.raw.length, raw: data, codec, hits: '[]', state_reason: null, hold_expires_at: null,
      received_at: m.receivedAt.getTime(), source_id: null, sequence: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function savePost(
  db: Kysely<DB>,
  p: { listId: number; sourceId: number; raw: Buffer; messageId: string | null; subject: string | null; fromAddress: string | null; sequence: number; receivedAt: Date },
): Promise<number> {
  const { data, codec } = encodeRaw(p.raw);
  const r = await db
    .insertInto('messages')
    .values({
      list_id: p.listId, kind: 'post', role: 'post', detail: null, state: 'accepted', envelope_from: null,
      message_id: p.messageId, subject: p.subject, from_address: p.fromAddress, size: p.raw.length, raw: data,
      codec, hits: '[]', state_reason: null, hold_expires_at: null, received_at: p.receivedAt.getTime(),
      source_id: p.sourceId, sequence: p.sequence,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function getMessage(db: Kysely<DB>, id: number): Promise<StoredMessage | null> {
  const r = await db.selectFrom('messages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toMessage(r) : null;
}

export async function getRaw(db: Kysely<DB>, id: number): Promise<Buffer | null> {
  const r = await db.selectFrom('messages').select(['raw', 'codec']).where('id', '=', id).executeTakeFirst();
  return r ? decodeRaw(r.raw, r.codec) : null;
}

/** Several messages' raw bytes by id, in one query; ids not found are absent. */
export async function getRaws(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('messages').select(['id', 'raw', 'codec']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(Number(r.id), decodeRaw(r.raw, r.codec));
  }
  return out;
}

export async function updateMessage(db: Kysely<DB>, id: number, p: MessageUpdate): Promise<void> {
  const set: Partial<Record<string, string | number | null>> = {};
  if (p.state !== undefined) set.state = p.state;
  if (p.hits !== undefined) set.hits = JSON.stringify(p.hits);
  if (p.stateReason !== undefined) set.state_reason = p.stateReason;
  if (p.holdExpiresAt !== undefined) set.hold_expires_at = p.holdExpiresAt ? p.holdExpiresAt.getTime() : null;
  if (p.messageId !== undefined) set.message_id = p.messageId;
  if (p.subject !== undefined) set.subject = p.subject;
  if (p.fromAddress !== undefined) set.from_address = p.fromAddress;
  if (Object.keys(set).length) await db.updateTable('messages').set(set).where('id', '=', id).execute();
}

export async function listHeld(db: Kysely<DB>, listId: number): Promise<StoredMessage[]> {
  const rows = await db.selectFrom('messages').select(COLUMNS).where('list_id', '=', listId).where('state', '=', 'held').orderBy('id').execute();
  return rows.map(toMessage);
}

export async function expiredHolds(db: Kysely<DB>, now: Date, limit: number): Promise<StoredMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .select(COLUMNS)
    .where('state', '=', 'held')
    .where('hold_expires_at', '<=', now.getTime())
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toMessage);
}

export async function listByState(db: Kysely<DB>, state: MessageState, limit: number): Promise<StoredMessage[]> {
  const rows = await db.selectFrom('messages').select(COLUMNS).where('state', '=', state).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toMessage);
}
