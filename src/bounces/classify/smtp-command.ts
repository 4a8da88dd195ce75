// Which SMTP command (RFC 5321 §4.1) the remote server refused, as reports phrase it: "in reply to
// RCPT TO command" (Postfix), "after end of data" (Exim), ">>> DATA" (Sendmail transcripts). A
// refusal at DATA comes after the recipient was accepted, so it cannot mean the mailbox is unknown.

export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA';

const MENTIONS: readonly (readonly [SmtpCommand, RegExp])[] = [
  ['DATA', /in reply to (?:end of )?DATA command|after (?:end of )?data\b|did not like our (?:final )?DATA|>>> DATA|SMTP command\s*:?\s*\n?\s*DATA\b|\[DATA\]|\(DATA\)|\bdata command\b/gi],
  ['RCPT', /in reply to RCPT TO command|after RCPT(?: TO)?\b|did not like our RCPT TO|>>> RCPT TO|\[RCPT_TO\]|\(RCPT\)|after RCPT command/gi],
  ['MAIL', /in reply to MAIL FROM command|after MAIL FROM|did not like our MAIL FROM|>>> MAIL FROM|\[MAIL_FROM\]|\(MAIL\)/gi],
  ['HELO', /in reply to (?:HELO|EHLO) command|after (?:HELO|EHLO)|>>> (?:HELO|EHLO)|my name was rejected/gi],
  ['CONN', /after initial connection|in reply to initial|during greeting|greeting wait/gi],
];

/** The command mentioned last in the text: transcripts end with the one that failed. */
export function findCommand(text: string): SmtpCommand | undefined {
  let best: { command: SmtpCommand; at: number } | undefined;
  for (const [command, re] of MENTIONS) {
    for (const m of text.matchAll(re)) {
      if (!best || m.index > best.at) best = { command, at: m.index };
    }
  }
  return best?.command;
}
