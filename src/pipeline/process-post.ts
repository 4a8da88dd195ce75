// A post's path from raw bytes to a decision: extract facts, run the rule chain, and then accept
// (prepare, save, number, plan delivery — one transaction), hold, reject or discard.
import type { AuthSummary } from '../domain/authentication.ts';
import type { MailingList } from '../domain/list.ts';
import type { PostFacts } from '../domain/post.ts';
import type { Verdict } from '../domain/verdict.ts';
import type { Store, StoredMessage } from '../store/types.ts';
import { holdPost, rejectPost, mayAutoReply } from '../moderation/index.ts';
import { planDelivery } from '../delivery/index.ts';
import { collectForDigest } from '../digests/index.ts';
import { runChain } from './chain.ts';
import { extractPostFacts } from './post-facts.ts';
import { prepareListPost } from './transforms/index.ts';
import { postAuthentication, postDmarcFact } from './post-auth.ts';
import type { PipelineDeps } from './deps.ts';

async function senderRoles(store: Store, list: MailingList, senders: readonly string[]) {
  let senderMember = null;
  let isListModerator = false;
  for (const s of senders) {
    senderMember ??= await store.getMember(list.id, s, 'member');
    if (!isListModerator) isListModerator = Boolean((await store.getMember(list.id, s, 'owner')) ?? (await store.getMember(list.id, s, 'moderator')));
  }
  return { senderMember, isListModerator };
}

export async function decide(store: Store, list: MailingList, facts: PostFacts, now: Date, auth: AuthSummary | null = null): Promise<Verdict> {
  const roles = await senderRoles(store, list, facts.senders);
  return runChain({ list, post: facts, ...roles, now, auth });
}

/** Accepts a post: one transaction prepares and saves it, numbers it and plans its delivery. */
export async function acceptPost(d: PipelineDeps, list: MailingList, msg: StoredMessage, raw: Buffer, facts: PostFacts, verdict: Verdict, auth: AuthSummary | null = null): Promise<number> {
  // DNS is asked before the transaction opens; the transforms themselves stay pure.
  const dmarc = await postDmarcFact(d, list, facts);
  return d.store.transaction(async (tx) => {
    const sequence = await tx.nextPostSequence(list.id);
    const prepared = prepareListPost(raw, { list, site: d.site, sequence, dmarc, auth });
    const post = await extractPostFacts(prepared, null);
    const postId = await tx.savePost({
      listId: list.id, sourceId: msg.id, raw: prepared, messageId: post.messageId, subject: post.subject,
      fromAddress: facts.from?.address ?? null, sequence, receivedAt: msg.receivedAt,
    });
    await tx.updateMessage(msg.id, { state: 'accepted', hits: verdict.hits, stateReason: null, holdExpiresAt: null });
    await tx.enqueue(await planDelivery(tx, list, postId, facts.from?.address ?? facts.envelopeFrom, d.bulkChunk), d.now());
    await collectForDigest(tx, list, postId, prepared.length, d.now());
    if (list.settings.archivePolicy !== 'none') await tx.enqueue({ queue: 'archive', payload: { listId: list.id, postId } }, d.now());
    return postId;
  });
}

export async function processPost(d: PipelineDeps, list: MailingList, msg: StoredMessage, raw: Buffer, approved: boolean): Promise<void> {
  const facts = await extractPostFacts(raw, msg.envelopeFrom);
  await d.store.updateMessage(msg.id, { messageId: facts.messageId, subject: facts.subject, fromAddress: facts.from?.address ?? facts.envelopeFrom });
  const seen: StoredMessage = { ...msg, messageId: facts.messageId, subject: facts.subject, fromAddress: facts.from?.address ?? facts.envelopeFrom };
  const auth = await postAuthentication(d, msg, raw);
  const verdict: Verdict = approved
    ? { action: 'accept', hits: [{ rule: 'approved', action: 'accept', reason: 'approved by a moderator' }] }
    : await decide(d.store, list, facts, d.now(), auth);
  switch (verdict.action) {
    case 'accept':
      await acceptPost(d, list, seen, raw, facts, verdict, auth);
      break;
    case 'hold':
      await d.store.transaction((tx) => holdPost(tx, d, list, seen, verdict.hits, raw));
      break;
    case 'reject': {
      const reason = verdict.hits.filter((h) => h.action === 'reject').map((h) => h.reason).join('; ') || 'the list does not accept it';
      await d.store.transaction((tx) => rejectPost(tx, d, list, seen, verdict.hits, reason, raw, mayAutoReply(facts.headers, msg.envelopeFrom)));
      break;
    }
    case 'discard':
      await d.store.updateMessage(msg.id, { state: 'discarded', hits: verdict.hits, stateReason: verdict.hits.map((h) => h.reason).join('; ') });
      break;
  }
  d.wake?.();
}
