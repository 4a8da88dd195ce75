// The authentication facts a post's path needs: the results of checking it as received (once per
// message, kept with it, so an approval days later writes the same Authentication-Results) and the
// author domain's DMARC policy for mitigation (asked when the post is accepted).
import type { AuthSummary, DmarcFact } from '../domain/authentication.ts';
import type { MailingList } from '../domain/list.ts';
import type { PostFacts } from '../domain/post.ts';
import type { StoredMessage } from '../store/types.ts';
import { domainOf } from '../auth-mail/index.ts';
import type { PipelineDeps } from './deps.ts';

export async function postAuthentication(d: PipelineDeps, msg: StoredMessage, raw: Buffer): Promise<AuthSummary | null> {
  if (!d.mailAuth) return null;
  const kept = await d.store.getAuthResults(msg.id);
  if (kept) return kept;
  const client = await d.store.getSmtpClient(msg.id);
  const summary = await d.mailAuth.authenticate({ raw, client, envelopeFrom: msg.envelopeFrom });
  await d.store.saveAuthResults(msg.id, summary);
  return summary;
}

/** Only `protected` mitigation depends on the policy; the other modes never ask DNS. */
export async function postDmarcFact(d: PipelineDeps, list: MailingList, facts: PostFacts): Promise<DmarcFact | null> {
  const domain = domainOf(facts.from?.address ?? '');
  if (!d.mailAuth || domain === '' || list.settings.dmarcMitigation !== 'protected') return null;
  return d.mailAuth.dmarcPolicy(domain);
}
