// The detectors in the order they are tried: the first that recognises its format decides.
// Standard DSNs come first; then the formats of particular MTAs, in Mailman 2.1's order for those it
// knew; the loose free-text patterns last, where they cannot shadow a format known exactly.
import type { Detector } from './detector.ts';
import { feedbackReport } from './feedback-report.ts';
import { amazonSes } from './amazon-ses.ts';
import { dsn } from './dsn.ts';
import { qmail } from './qmail.ts';
import { postfix } from './postfix.ts';
import { yahoo } from './yahoo.ts';
import { caiwireless } from './caiwireless.ts';
import { exchange } from './exchange.ts';
import { exim } from './exim.ts';
import { gmail } from './gmail.ts';
import { netscape } from './netscape.ts';
import { compuserve } from './compuserve.ts';
import { microsoft } from './microsoft.ts';
import { groupwise } from './groupwise.ts';
import { smtp32 } from './smtp32.ts';
import { sendmail } from './sendmail.ts';
import { dragonfly } from './dragonfly.ts';
import { opensmtpd } from './opensmtpd.ts';
import { lotusNotes } from './lotus-notes.ts';
import { mFilter } from './m-filter.ts';
import { ezweb } from './ezweb.ts';
import { apacheJames } from './apache-james.ts';
import { verizon } from './verizon.ts';
import { office365 } from './office365.ts';
import { mimecast } from './mimecast.ts';
import { mailmarshal } from './mailmarshal.ts';
import { simpleMatch } from './simple-match.ts';
import { simpleWarning } from './simple-warning.ts';
import { yale } from './yale.ts';
import { sina } from './sina.ts';
import { autoReply } from './auto-reply.ts';
import { delayNotice } from './delay-notice.ts';
import { errorLines } from './error-lines.ts';
import { llnl } from './llnl.ts';
import { aol } from './aol.ts';

export type { Detector, Detection, FoundRecipient } from './detector.ts';

export const detectors: readonly Detector[] = [
  feedbackReport,
  amazonSes,
  dsn,
  simpleWarning,
  qmail,
  postfix,
  yahoo,
  caiwireless,
  exchange,
  gmail,
  exim,
  netscape,
  compuserve,
  microsoft,
  groupwise,
  smtp32,
  sendmail,
  dragonfly,
  opensmtpd,
  lotusNotes,
  mFilter,
  ezweb,
  apacheJames,
  verizon,
  office365,
  mimecast,
  mailmarshal,
  simpleMatch,
  yale,
  sina,
  autoReply,
  delayNotice,
  llnl,
  aol,
  errorLines,
];
