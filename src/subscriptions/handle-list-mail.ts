// Handles one mail to a list robot: -join and -leave (any message is the request), -confirm (the
// token is in the +detail or in the reply's subject or body) and -request (commands). Robot mail
// (RFC 3834) is ignored; everything else gets at most one reply, queued in the same transaction
// as the changes it reports.
import { isValidAddress } from '../domain/address.ts';
import type { Store } from '../store/types.ts';
import { whyNoReply } from './auto-reply-guard.ts';
import { COMMANDS, TOKEN_RE, commandSubject, helpLines, runCommands, type CommandContext, type CommandReport } from './commands/index.ts';
import { queueNotice, replyLimitKey } from './notices.ts';
import { readRequest, type RequestMail } from './read-request.ts';
import { requestSubscribe, requestUnsubscribe } from './requests.ts';
import { RESULTS_SUBJECT, resultsText } from './results-text.ts';
import { confirmToken } from './tokens.ts';
import type { HandleResult, ListMailInput, RequestResult, SubscriptionDeps, TokenResult } from './types.ts';

/** A view of a transaction's store that counts the jobs queued through it. */
function countingStore(tx: Store): { store: Store; queued(): number } {
  let n = 0;
  const store: Store = new Proxy(tx, {
    get(target, prop) {
      if (prop === 'enqueue') {
        return async (...args: Parameters<Store['enqueue']>) => {
          const ids = await target.enqueue(...args);
          n += ids.length;
          return ids;
        };
      }
      // Already inside the transaction: nested calls run on this same counting view.
      if (prop === 'transaction') return <T>(fn: (s: Store) => Promise<T>): Promise<T> => fn(store);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, queued: () => n };
}

/** The token a reply to a confirmation carries: `confirm TOKEN` in its subject, else in its body. */
function tokenInReply(mail: RequestMail): string | null {
  const candidates = [commandSubject(mail.subject), ...mail.bodyLines.slice(0, 40).map((l) => l.replace(/^[>\s]+/, ''))];
  for (const c of candidates) {
    const m = /(?:^|\s)confirm\s+(\S+)/i.exec(c);
    if (m?.[1] && TOKEN_RE.test(m[1])) return m[1];
  }
  return null;
}

const singleReport = (command: string, lines: string[]): CommandReport => ({ results: [{ command, lines }], unprocessed: [], ignored: [], ignoredMore: 0 });

export async function handleListMail(deps: SubscriptionDeps, input: ListMailInput): Promise<HandleResult> {
  const { list, role } = input;
  const mail = await readRequest(input.raw);
  const envelope = input.envelopeFrom?.trim() ?? null;
  const sender = mail.from?.address ?? (envelope && isValidAddress(envelope) ? envelope : null);
  const why = whyNoReply(mail, input.envelopeFrom, sender, list);
  if (why !== null || sender === null) return { outcome: 'ignored', log: [why ?? 'no sender'], queued: 0 };
  const senderName = mail.from?.name ?? '';

  return deps.store.transaction(async (tx) => {
    const counting = countingStore(tx);
    const d: SubscriptionDeps = { ...deps, store: counting.store };
    const log: string[] = [];
    const reply = async (report: CommandReport, epilogue: string[] = []): Promise<void> => {
      const sent = await queueNotice(d, list, {
        to: [sender], subject: RESULTS_SUBJECT, text: resultsText(mail, sender, report, epilogue), purpose: 'command-results',
        limitKey: replyLimitKey(sender), ...(mail.messageId ? { inReplyTo: mail.messageId } : {}),
      });
      log.push(sent ? `replied to ${sender}` : `reply to ${sender} held back by the rate limit`);
    };
    // For -join and -leave the confirmation or welcome is the answer; a separate reply is sent
    // only when nothing else went to the sender, and never to say a rate limit was reached.
    const answerRequest = async (command: string, r: RequestResult): Promise<void> => {
      log.push(`${command} ${r.address}: ${r.outcome}`);
      if (!r.notified && r.outcome !== 'rate_limited') await reply(singleReport(command, [r.text]));
    };
    const answerToken = async (command: string, r: TokenResult): Promise<void> => {
      log.push(`${command}: ${r.ok ? r.outcome : r.error}`);
      if (!r.ok || !r.notified) await reply(singleReport(command, [r.message]));
    };
    const ctx: CommandContext = { deps: d, list, sender: { address: sender, name: senderName } };

    if (role === 'join') {
      await answerRequest('join', await requestSubscribe(d, list, { address: sender, displayName: senderName, via: 'email', requestedBy: sender }));
    } else if (role === 'leave') {
      await answerRequest('leave', await requestUnsubscribe(d, list, { address: sender, via: 'email', requestedBy: sender }));
    } else if (role === 'confirm' && (input.detail ?? tokenInReply(mail)) !== null) {
      const token = input.detail ?? tokenInReply(mail) ?? '';
      await answerToken(`confirm ${token}`, await confirmToken(d, token));
    } else {
      const report = await runCommands(ctx, mail);
      log.push(...report.results.map((r) => `command: ${r.command.split(/\s+/)[0] ?? ''}`));
      // A message with no command we understand earns the help text (Mailman does the same).
      await reply(report, report.results.length === 0 ? helpLines(ctx, COMMANDS) : []);
    }
    return { outcome: 'handled', log, queued: counting.queued() };
  });
}
