// SMTP and LMTP servers for incoming mail. RCPT TO is checked against the lists at once (unknown:
// 550 5.1.1; we relay for nobody). DATA is read with a size limit, and the raw message and its
// `incoming` job are committed in one transaction before the 250 reply: once we say yes, the
// message survives a crash.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { SmtpClient } from '../domain/authentication.ts';
import type { Store } from '../store/types.ts';
import { Router, type ResolvedRoute } from './router.ts';

export interface InboundOptions {
  store: Store;
  now: () => Date;
  lmtp: boolean;
  hostname: string;
  /** Hard cap on any message, whatever the lists allow. */
  maxBytes: number;
  maxRecipients: number;
  /** Called after messages were committed, to start processing at once. */
  onQueued?: () => void;
  onError?: (e: unknown) => void;
}

class SmtpReply extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

const routesOf = (session: SMTPServerSession): ResolvedRoute[] =>
  ((session as SMTPServerSession & { caucusRoutes?: ResolvedRoute[] }).caucusRoutes ??= []);

const listLimit = (r: ResolvedRoute): number => (r.list.settings.maxMessageKb > 0 ? r.list.settings.maxMessageKb * 1024 : Infinity);

export function createInboundServer(o: InboundOptions): SMTPServer {
  const router = new Router(o.store);

  async function commit(routes: ResolvedRoute[], raw: Buffer, envelopeFrom: string | null, client: SmtpClient): Promise<void> {
    await o.store.transaction(async (tx) => {
      for (const r of routes) {
        const id = await tx.saveIncoming({ raw, envelopeFrom, listId: r.listId, role: r.role, detail: r.detail, receivedAt: o.now() });
        // SPF (RFC 7208) is judged for the client that handed us the message.
        await tx.recordSmtpClient(id, client);
        await tx.enqueue({ queue: 'incoming', payload: { messageId: id } }, o.now());
      }
    });
    o.onQueued?.();
  }

  const server: SMTPServer = new SMTPServer({
    lmtp: o.lmtp,
    name: o.hostname,
    banner: 'Caucus',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: o.maxBytes,
    maxClients: 500,
    onConnect(session, cb) {
      // Like Postfix (smtpd_helo_required = no), take MAIL without HELO/EHLO: some clients skip it
      // (RFC 5321 §4.1.4 asks clients for it but servers commonly tolerate its absence). Not for LMTP,
      // whose LHLO is part of the protocol the MTA speaks.
      if (!o.lmtp) {
        for (const c of (server as unknown as { connections: Set<{ session: SMTPServerSession; hostNameAppearsAs: string | false }> }).connections) {
          if (c.session === session && !c.hostNameAppearsAs) c.hostNameAppearsAs = `[${session.remoteAddress}]`;
        }
      }
      cb();
    },
    onMailFrom(address, session, cb) {
      routesOf(session).length = 0;
      cb();
    },
    onRcptTo(address, session, cb) {
      const routes = routesOf(session);
      if (routes.length >= o.maxRecipients) return cb(new SmtpReply(452, '4.5.3 Too many recipients'));
      router
        .resolve(address.address)
        .then((r) => {
          if (!r) return cb(new SmtpReply(550, `5.1.1 <${address.address}>: no such list or address here`));
          const declared = Number(session.envelope.mailFrom && (session.envelope.mailFrom.args as Record<string, string> | false || {}).SIZE);
          if (declared > listLimit(r)) return cb(new SmtpReply(552, `5.3.4 Message too big for ${r.list.address} (limit ${r.list.settings.maxMessageKb} KB)`));
          routes.push(r);
          cb();
        })
        .catch((e: unknown) => {
          o.onError?.(e);
          cb(new SmtpReply(451, '4.3.0 Temporary failure looking up the recipient, try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session, cb) {
      const routes = [...routesOf(session)];
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= o.maxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(new SmtpReply(552, `5.3.4 Message exceeds the maximum size of ${o.maxBytes} bytes`));
        const raw = Buffer.concat(chunks, size);
        const fits = routes.map((r) => size <= listLimit(r));
        const accepted = routes.filter((_, i) => fits[i]);
        const mailFrom = session.envelope.mailFrom;
        const envelopeFrom = mailFrom ? mailFrom.address : null;
        if (!o.lmtp && accepted.length < routes.length) {
          // One reply covers every recipient in SMTP: refuse all rather than deliver to some silently.
          const r = routes[fits.indexOf(false)]!;
          return cb(new SmtpReply(552, `5.3.4 Message too big for ${r.list.address} (limit ${r.list.settings.maxMessageKb} KB)`));
        }
        const client: SmtpClient = { protocol: o.lmtp ? 'lmtp' : 'smtp', ip: session.remoteAddress, helo: session.hostNameAppearsAs || null };
        commit(accepted, raw, envelopeFrom, client).then(
          () => {
            if (!o.lmtp) return cb(null, '2.0.0 Queued');
            // LMTP (RFC 2033 §4.2): one reply per recipient, in RCPT order.
            const replies = routes.map((r, i) => (fits[i] ? `2.0.0 <${r.list.address}> queued` : new SmtpReply(552, `5.3.4 Message too big for ${r.list.address}`)));
            cb(null, replies as unknown as string);
          },
          (e: unknown) => {
            o.onError?.(e);
            cb(new SmtpReply(451, '4.3.0 Temporary storage failure, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (e) => o.onError?.(e));
  return server;
}
