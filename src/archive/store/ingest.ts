// Live ingest: an accepted post joins its list's archive as it is delivered. The post's stored
// bytes are the raw (kept once); the overview row, search entry and thread placement are added in
// one transaction, so a retried job finds the post archived and does nothing.
import type { MailingList } from '../../domain/list.ts';
import type { ArchiveNode, Store } from '../../store/types.ts';
import { placeMessage, lookupsFor } from '../threading/place-message.ts';
import type { ThreadMessage } from '../threading/types.ts';
import { analyse, newEntry, sha256Hex } from './entry.ts';

const SUBJECT_WINDOW = 30 * 86_400_000;

export interface ArchivePostResult { archived: boolean; reason?: string; number?: number }

export async function archivePost(store: Store, list: MailingList, postId: number, now: Date): Promise<ArchivePostResult> {
  if (list.settings.archivePolicy === 'none') return { archived: false, reason: 'the list keeps no archive' };
  const raw = await store.getRaw(postId);
  if (!raw) return { archived: false, reason: 'no such post' };
  const sha256 = sha256Hex(raw);
  return store.transaction(async (tx) => {
    if ((await tx.archiveHasDigests(list.id, [sha256])).size > 0) return { archived: false, reason: 'already archived' };
    const a = analyse(raw, list, now, null);
    const [id] = await tx.addArchiveEntries([newEntry(list, raw, a, { fromLine: null, rawId: postId, hidden: false, sha256 })]);
    if (id === undefined || a.fields.badReason !== null) return { archived: true };
    const ov = a.overview;
    const msg: ThreadMessage = {
      messageId: ov.messageId, inReplyTo: ov.inReplyTo, references: ov.references, date: ov.date, baseSubject: ov.baseSubject,
      isReply: ov.isReply, author: ov.author, quotes: ov.quotes, attribution: ov.attribution,
    };
    const look = lookupsFor(msg);
    const known = new Map<string, ArchiveNode>((await tx.archiveNodes(list.id, look.messageIds)).map((n) => [n.messageId, n]));
    let subjectMatch = null;
    if (!look.usableReferences && msg.isReply) {
      subjectMatch = await tx.archiveSubjectMatch(list.id, msg.baseSubject, msg.date, SUBJECT_WINDOW);
      if (subjectMatch) for (const n of await tx.archiveNodes(list.id, [subjectMatch.messageId])) known.set(n.messageId, n);
    }
    const p = placeMessage(msg, { known, subjectMatch }, { quoteInference: false });
    await tx.applyArchivePlacement(list.id, id, p);
    return { archived: true };
  });
}
