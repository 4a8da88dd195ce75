// RFC 3464 delivery status notifications for tests: a failure or a delay for one or more
// recipients, as Postfix writes them, sent back to a list's bounce address.
export interface DsnRecipient {
  address: string;
  /** RFC 3463 status, e.g. 5.1.1 (failure) or 4.4.1 (with action delayed). */
  status: string;
  diagnostic: string;
}

export interface DsnOptions {
  to: string;
  recipients: DsnRecipient[];
  action?: 'failed' | 'delayed';
  subject?: string;
  messageId?: string;
}

export function dsn(o: DsnOptions): string {
  const action = o.action ?? 'failed';
  const per = o.recipients
    .map((r) => [`Final-Recipient: rfc822; ${r.address}`, `Original-Recipient: rfc822;${r.address}`, `Action: ${action}`, `Status: ${r.status}`, `Diagnostic-Code: smtp; ${r.diagnostic}`].join('\r\n'))
    .join('\r\n\r\n');
  const human = action === 'delayed'
    ? 'This is a warning only. Your message could not be delivered for more than 4 hour(s).\r\nIt will be retried until it is 5 day(s) old.'
    : "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.";
  return [
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    `To: ${o.to}`,
    `Subject: ${o.subject ?? (action === 'delayed' ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender')}`,
    `Message-ID: <${o.messageId ?? `dsn.${Math.random().toString(36).slice(2)}@mx.example.net`}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN-B"',
    '',
    '--DSN-B',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.net.',
    '',
    human,
    '',
    '--DSN-B',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    per,
    '',
    '--DSN-B',
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    'From: someone@example.org',
    'Subject: [list] a post',
    '',
    '--DSN-B--',
    '',
  ].join('\r\n');
}
