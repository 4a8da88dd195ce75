// From a raw message to the archive entry the store keeps: digest, overview fields, search text.
import { createHash } from 'node:crypto';
import type { MailingList } from '../../domain/list.ts';
import type { StoredRaw } from '../../domain/raw-codec.ts';
import type { ArchiveOverviewFields, NewArchiveEntry } from '../../store/types.ts';
import { extractOverview, type ArchiveOverview } from '../overview.ts';
import { encodeKeptQuotes, keptQuotes } from '../quotes/kept-quotes.ts';

export const sha256Hex = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex');

/** The list's subject tag as it appears in brackets ("[ksummit]" → "ksummit"), stripped from subjects. */
export function listTagOf(list: MailingList): string {
  const m = /^\s*\[([^\]]*)\]\s*$/.exec(list.settings.subjectPrefix.replace('{list_name}', list.name).replace(/\s*\{sequence\}/, ''));
  return m?.[1] ?? list.name;
}

/** Why a message cannot be archived as mail, or null: it must open with a header field. */
function unreadable(raw: Buffer): string | null {
  if (raw.length === 0) return 'empty message';
  const head = raw.subarray(0, Math.min(raw.length, 998)).toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]{1,76}[ \t]*:/.test(head)) return 'no header fields';
  return null;
}

/** Quote evidence for threading, kept only for a readable message without references that has some. */
function threadDataOf(ov: ArchiveOverview, badReason: string | null): string | null {
  const kept = badReason === null ? keptQuotes(ov) : null;
  return kept ? encodeKeptQuotes(kept) : null;
}

export function overviewFields(ov: ArchiveOverview, badReason: string | null): ArchiveOverviewFields {
  return {
    messageId: ov.messageId, syntheticId: ov.messageIdSynthetic, subject: ov.subject, baseSubject: ov.baseSubject, isReply: ov.isReply,
    authorName: ov.author.name, authorAddress: ov.author.address, date: ov.date, dateSource: ov.dateSource, dateSuspect: ov.dateSuspect,
    inReplyTo: ov.inReplyTo, references: ov.references, size: ov.size, attachmentCount: ov.attachmentCount,
    attachmentNames: ov.attachmentNames, threadData: threadDataOf(ov, badReason), badReason,
  };
}

export interface Analysed { fields: ArchiveOverviewFields; overview: ArchiveOverview; text: string }

/** Reads one message for the archive; never throws (an unreadable message is kept with its reason). */
export function analyse(raw: Buffer, list: MailingList, now: Date, fromLine: string | null): Analysed {
  // The store keeps no fingerprints: rethreading makes the few it needs from the indexed text.
  const ctx = { now, fromLine, listTag: listTagOf(list), listAddress: list.address, fingerprint: false };
  let bad = unreadable(raw);
  let overview: ArchiveOverview;
  try {
    overview = extractOverview(raw, ctx);
  } catch (e) {
    bad = `unreadable: ${e instanceof Error ? e.message : String(e)}`;
    overview = extractOverview(Buffer.from('Subject: \n\n'), ctx);
    overview = { ...overview, messageId: `${sha256Hex(raw).slice(0, 32)}@synthetic.invalid`, size: raw.length };
  }
  return { fields: overviewFields(overview, bad), overview, text: overview.text };
}

/**
 * The entry the store keeps: with `stored` bytes (an import) or the id of a post already stored
 * (live ingest: the raw bytes are kept once, as the post).
 */
export function newEntry(list: MailingList, a: Pick<Analysed, 'fields' | 'text'>, opts: { sha256: string; fromLine: string | null; hidden: boolean } & ({ rawId: number; stored: null } | { rawId: null; stored: StoredRaw })): NewArchiveEntry {
  return { ...a.fields, listId: list.id, sha256: opts.sha256, fromLine: opts.fromLine, stored: opts.stored, rawId: opts.rawId, hidden: opts.hidden, text: a.text, node: null, duplicate: false };
}
