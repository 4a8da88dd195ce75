// What an import does to one message before the store sees it: the overview fields and search
// text, and the bytes compressed as they will be kept. Pure, so it runs inline or in a worker.
import type { MailingList } from '../../../domain/list.ts';
import { encodeRaw, type StoredRaw } from '../../../domain/raw-codec.ts';
import type { ArchiveOverviewFields } from '../../../store/types.ts';
import { analyse, sha256Hex } from '../entry.ts';

export interface PrepareItem {
  raw: Buffer;
  fromLine: string | null;
}

export interface PreparedMessage {
  /** SHA-256 of the raw bytes, hex: what exact copies are known by. */
  sha256: string;
  fields: ArchiveOverviewFields;
  text: string;
  stored: StoredRaw;
}

export function prepareMessage(item: PrepareItem, list: MailingList, now: Date): PreparedMessage {
  const a = analyse(item.raw, list, now, item.fromLine);
  return { sha256: sha256Hex(item.raw), fields: a.fields, text: a.text, stored: encodeRaw(item.raw) };
}

/** Prepares a batch one message after another on the calling thread. */
export const prepareBatch = (list: MailingList, now: Date, items: readonly PrepareItem[]): PreparedMessage[] =>
  items.map((item) => prepareMessage(item, list, now));

/** Where batches are prepared: on the calling thread (inlinePreparer) or by workers (prepare-pool.ts). */
export interface Preparer {
  prepare(list: MailingList, now: Date, items: readonly PrepareItem[]): Promise<PreparedMessage[]>;
  /**
   * Prepares one batch still waiting for a worker on the calling thread (settling its promise);
   * false when none waits. A caller with nothing else to do calls it instead of waiting.
   */
  helpOne?(): boolean;
  close(): Promise<void>;
}

export const inlinePreparer: Preparer = {
  prepare: async (list, now, items) => prepareBatch(list, now, items),
  close: async () => {},
};
