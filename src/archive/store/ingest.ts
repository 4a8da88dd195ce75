// Live ingest: an accepted post joins its list's archive as it is delivered. The post's stored
// bytes are the raw (kept once); the overview row, search entry and thread placement are added in
// one transaction, so a retried job finds the post archived and does nothing.
import type { MailingList } from '../../domain/list.ts';
import type { ArchiveNode, Store } from '../../store/types.ts';
import { overviewFingerprint } from '../overview.ts';
import { decodeKeptQuotes } from '../quotes/kept-quotes-read.ts';
import { placeMessage, lookupsFor } from '../threading/place-message.ts';
import { inferQuotedParent } from '../threading/quote-inference.ts';
import { DEFAULT_QUOTE_WINDOW, lookupsPick, quoteLookups } from '../threading/quote-candidates.ts';
import type { QuoteCandidate, ThreadMessage } from '../threading/types.ts';
import { analyse, newEntry, sha256Hex } from './entry.ts';

const SUBJECT_WINDOW = 30 * 86_400_000;
/** As bulk threading: the most recent candidates only. */
const MAX_CANDIDATES = 50;
/** The store matches name words as parts of names; more rows are read so whole-word matches fill the 50. */
const OVERREAD = 4;

export interface ArchivePostResult { archived: boolean; reason?: string; number?: number }

/** The stored post `msg` quotes, found as bulk threading finds it, or null. */
async function quotedPost(tx: Store, listId: number, msg: ThreadMessage): Promise<QuoteCandidate | null> {
  const look = quoteLookups(msg, DEFAULT_QUOTE_WINDOW);
  if (!look) return null;
  const rows = await tx.archiveQuoteCandidates(listId, {
    from: new Date(look.from), to: new Date(look.to), addresses: look.addresses, nameWords: look.nameWords,
    dates: look.dates.map(([from, to]) => ({ from: new Date(from), to: new Date(to) })), limit: MAX_CANDIDATES * OVERREAD,
  });
  const picked = rows.filter((r) => lookupsPick(look, { name: r.authorName, address: r.authorAddress }, r.date)).slice(0, MAX_CANDIDATES);
  if (picked.length === 0) return null;
  const texts = new Map((await tx.archiveIndexedTexts(picked.map((r) => r.id))).map((t) => [t.id, t.text]));
  const candidates: QuoteCandidate[] = picked.map((r) => ({
    messageId: r.messageId, author: { name: r.authorName, address: r.authorAddress }, date: r.date, fingerprint: overviewFingerprint(texts.get(r.id) ?? ''),
  }));
  const found = inferQuotedParent(msg, candidates);
  return candidates.find((c) => c.messageId === found?.messageId) ?? null;
}

export async function archivePost(store: Store, list: MailingList, postId: number, now: Date): Promise<ArchivePostResult> {
  if (list.settings.archivePolicy === 'none') return { archived: false, reason: 'the list keeps no archive' };
  const raw = await store.getRaw(postId);
  if (!raw) return { archived: false, reason: 'no such post' };
  const sha256 = sha256Hex(raw);
  return store.transaction(async (tx) => {
    if ((await tx.archiveHasDigests(list.id, [sha256])).size > 0) return { archived: false, reason: 'already archived' };
    const a = analyse(raw, list, now, null);
    const [id] = await tx.addArchiveEntries([newEntry(list, a, { sha256, fromLine: null, hidden: false, rawId: postId, stored: null })]);
    if (id === undefined || a.fields.badReason !== null) return { archived: true };
    const ov = a.overview;
    // The quote evidence as the row keeps it, so that a later rethread decides as this does.
    const kept = decodeKeptQuotes(a.fields.threadData);
    const msg: ThreadMessage = {
      messageId: ov.messageId, inReplyTo: ov.inReplyTo, references: ov.references, date: ov.date, baseSubject: ov.baseSubject,
      isReply: ov.isReply, author: ov.author, quotes: kept?.quotes ?? [], attribution: kept?.attribution ?? null,
    };
    const look = lookupsFor(msg);
    const known = new Map<string, ArchiveNode>((await tx.archiveNodes(list.id, look.messageIds)).map((n) => [n.messageId, n]));
    let subjectMatch = null;
    let quoteCandidates: QuoteCandidate[] | undefined;
    if (!look.usableReferences && msg.isReply) {
      subjectMatch = await tx.archiveSubjectMatch(list.id, msg.baseSubject, msg.date, SUBJECT_WINDOW);
      if (subjectMatch) for (const n of await tx.archiveNodes(list.id, [subjectMatch.messageId])) known.set(n.messageId, n);
    }
    // As in bulk threading, the quoted post wins over the subject's first post: it is the exact parent.
    if (!look.usableReferences && kept) {
      const quoted = await quotedPost(tx, list.id, msg);
      if (quoted) {
        quoteCandidates = [quoted];
        for (const n of await tx.archiveNodes(list.id, [quoted.messageId])) known.set(n.messageId, n);
      }
    }
    const p = placeMessage(msg, { known, subjectMatch, quoteCandidates });
    await tx.applyArchivePlacement(list.id, id, p);
    return { archived: true };
  });
}
