// The messages between an import and its preparing workers. A batch's bytes travel as one
// ArrayBuffer moved (not copied) across threads: cloning each Buffer would copy the whole chunk
// it is a view of.
import type { MailingList } from '../../../domain/list.ts';
import type { Codec } from '../../../domain/raw-codec.ts';
import type { ArchiveOverviewFields } from '../../../store/types.ts';
import type { PreparedMessage, PrepareItem } from './prepare-message.ts';

export interface PrepareRequest {
  id: number;
  list: MailingList;
  now: number;
  bytes: ArrayBuffer;
  /** End offset of each message in `bytes`. */
  ends: number[];
  fromLines: Array<string | null>;
}

/** A worker's first message: its code is loaded and it takes batches. */
export interface PrepareReady { ready: true }

export type PrepareResponse =
  | { id: number; ok: true; bytes: ArrayBuffer; ends: number[]; results: Array<{ sha256: string; fields: ArchiveOverviewFields; text: string; codec: Codec; size: number }> }
  | { id: number; ok: false; error: string };

/** Packs buffers into one fresh ArrayBuffer and the end offset of each. */
export function pack(parts: readonly Buffer[]): { bytes: ArrayBuffer; ends: number[] } {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new ArrayBuffer(total);
  const view = new Uint8Array(bytes);
  const ends: number[] = [];
  let at = 0;
  for (const p of parts) {
    view.set(p, at);
    at += p.length;
    ends.push(at);
  }
  return { bytes, ends };
}

export function unpack(bytes: ArrayBuffer, ends: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (const end of ends) {
    out.push(Buffer.from(bytes, start, end - start));
    start = end;
  }
  return out;
}

export function toRequest(id: number, list: MailingList, now: Date, items: readonly PrepareItem[]): PrepareRequest {
  const { bytes, ends } = pack(items.map((i) => i.raw));
  return { id, list, now: now.getTime(), bytes, ends, fromLines: items.map((i) => i.fromLine) };
}

export function fromRequest(r: PrepareRequest): PrepareItem[] {
  return unpack(r.bytes, r.ends).map((raw, i) => ({ raw, fromLine: r.fromLines[i] ?? null }));
}

export function toResponse(id: number, prepared: readonly PreparedMessage[]): PrepareResponse {
  const { bytes, ends } = pack(prepared.map((p) => p.stored.data));
  const results = prepared.map((p) => ({ sha256: p.sha256, fields: p.fields, text: p.text, codec: p.stored.codec, size: p.stored.size }));
  return { id, ok: true, bytes, ends, results };
}

export function fromResponse(r: Extract<PrepareResponse, { ok: true }>): PreparedMessage[] {
  const data = unpack(r.bytes, r.ends);
  return r.results.map((x, i) => ({ sha256: x.sha256, fields: x.fields, text: x.text, stored: { data: data[i] ?? Buffer.alloc(0), codec: x.codec, size: x.size } }));
}
