// Builds the messages Caucus itself sends (confirmations, welcomes, moderator notices, rejections)
// as raw RFC 5322 bytes, with RFC 3834 Auto-Submitted so that well-behaved responders stay quiet.
import MailComposer from 'nodemailer/lib/mail-composer';
import { randomBytes } from 'node:crypto';

export interface NoticeInput {
  from: string;
  to: string | string[];
  subject: string;
  text: string;
  /** Host name for the Message-ID. */
  hostname: string;
  date: Date;
  replyTo?: string;
  inReplyTo?: string;
  headers?: Record<string, string>;
  /** A message to attach as message/rfc822 (a rejected or held post). */
  attachMessage?: Buffer;
}

export async function composeNotice(n: NoticeInput): Promise<Buffer> {
  const composer = new MailComposer({
    from: n.from,
    to: n.to,
    subject: n.subject,
    text: n.text,
    date: n.date,
    messageId: `<caucus.${n.date.getTime().toString(36)}.${randomBytes(6).toString('hex')}@${n.hostname}>`,
    ...(n.replyTo ? { replyTo: n.replyTo } : {}),
    ...(n.inReplyTo ? { inReplyTo: n.inReplyTo, references: n.inReplyTo } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', Precedence: 'bulk', 'X-Auto-Response-Suppress': 'All', ...n.headers },
    ...(n.attachMessage ? { attachments: [{ filename: 'original.eml', content: n.attachMessage, contentType: 'message/rfc822' }] } : {}),
  });
  return composer.compile().build();
}
