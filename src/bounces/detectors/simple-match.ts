// Free-text bounces from many small MTAs and sites: each format is an opening phrase, a closing
// phrase and the shape of its recipient lines (see block-scan.ts). The first format that yields
// an address decides. Formats are listed with the system they were seen from.
import { scanPatterns, type BlockPattern } from './block-scan.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';
import { looksLikeBounce } from '../message/bounce-signs.ts';

const ci = (source: string): RegExp => new RegExp(source, 'i');
const ANGLE = /<(?<addr>[^>]*)>/;
const ANGLE_COLON = /<(?<addr>[^>]*)>:/;
const ALONE = /^\s*(?<addr>[^\s@]+@[^\s@]+)\s*$/;
const RCPT_TO = /rcpt to:\s*<(?<addr>[^>]*)>/i;

const FORMATS: readonly BlockPattern[] = [
  // sdm.de
  { start: ci('here is your list of failed recipients'), end: ci('here is your returned mail'), address: ANGLE },
  // sz-sb.de, corridor.com, nfg.nl (Sendmail 8 text, with "expanded from" aliases)
  {
    start: ci('the following addresses had'),
    end: ci('transcript of session follows'),
    address: /^\s*(?:\(expanded from: )?<?(?<addr>[^\s@]+@[^\s@>]+?)>?\)?\s*$/i,
  },
  // demon.co.uk
  { start: ci('this message was created automatically by mail delivery software'), end: ci('original message follows'), address: RCPT_TO },
  // InterScan E-Mail VirusWall NT
  { start: ci('message from interscan e-mail viruswall nt'), end: ci('end of message'), address: RCPT_TO },
  // Smail
  { start: ci('failed addresses follow:'), end: ci('message text follows:'), address: /\s*(?<addr>\S+@\S+)/ },
  // newmail.ru
  { start: ci('This is the machine generated message from mail service\\.'), end: ci('--- Below the next line is a copy of the message\\.'), address: ANGLE },
  // MDaemon 3.5
  { start: ci('The following addresses did NOT receive a copy of your message:'), end: ci('--- Session Transcript ---'), address: /[>]\s*(?<addr>.*)$/ },
  // usa.net
  { start: ci('Intended recipient:'), end: ci('--------RETURNED MAIL FOLLOWS--------'), address: /Intended recipient:\s*(?<addr>.*)$/i },
  // hotpop.com
  { start: ci('Undeliverable Address:'), end: ci('Original message attached'), address: /Undeliverable Address:\s*(?<addr>.*)$/i },
  // another demon.co.uk layout
  { start: ci('This message was created automatically by mail delivery'), end: ci('^---- START OF RETURNED MESSAGE ----'), address: /addressed to '(?<addr>[^']*)'/i },
  // prodigy.net, full mailbox
  { start: ci("User's mailbox is full:"), end: ci('Unable to deliver mail\\.'), address: /User's mailbox is full:\s*<(?<addr>[^>]*)>/i },
  // Microsoft SMTPSVC
  { start: ci('The email below could not be delivered to the following user:'), end: ci('Old message:'), address: ANGLE },
  // Yahoo relaying for other domains (sbcglobal.net)
  { start: ci('Unable to deliver message to the following address\\(es\\)\\.'), end: ci('--- Original message follows\\.'), address: ANGLE_COLON },
  // googlemail.com
  { start: ci('Delivery to the following recipients? failed'), end: ci('----- Original message -----'), address: ALONE },
  // kundenserver.de, mxlogic.net (two layouts)
  { start: ci('A message that you( have)? sent could not be delivered'), end: ci('^---'), address: ANGLE },
  { start: ci('A message that you( have)? sent could not be delivered'), end: ci('^---'), address: /^(?<addr>[^\s@]+@[^\s@:]+):/ },
  // thehartford.com, amenworld.com: no closing phrase, so the block ends at the first line of three
  // or more characters that has no "@" and does not start with "D".
  { start: ci('Del[ie]very to the following recipients? (failed|was aborted)'), end: /^[^D][^@]{2,}$/i, address: /^[\s*]*(?:. )?(?<addr>[^\s@]+@[^\s@]+)\s*$/ },
  // hartfordlife.com
  { start: ci('^Your message\\s*$'), end: ci('^because:'), address: ALONE },
  // kviv.be (InterScan NT)
  { start: ci('^Unable to deliver message to'), end: ci('\\*+\\s+End of message\\s+\\*+'), address: ANGLE },
  // earthlink.net hosted domains
  { start: ci('^Sorry, unable to deliver your message to'), end: ci('^A copy of the original message'), address: /\s*(?<addr>[^\s@]+@[^\s@]+)(?:\s|$)/ },
  // ademe.fr
  { start: ci('^A message could not be delivered to:'), end: ci('^Subject:'), address: ALONE },
  // andrew.ac.jp
  { start: ci('^Invalid final delivery userid:'), end: ci('^Original message follows\\.'), address: /\s*(?<addr>[^\s@]+@[^\s@]+)\s*$/ },
  // E500_SMTP_Mail_Service (lerctr.org)
  { start: ci('---- Failed Recipients ----'), end: ci(' Mail ----'), address: ANGLE },
  // cynergycom.net
  { start: ci('A message that you sent could not be delivered'), end: ci('^---'), address: /(?<addr>[^\s@]+@[^\s@)]+)/ },
  // LSMTP for Windows
  { start: ci('^--> Error description:\\s*$'), end: ci('^Error-End:'), address: /^Error-for:\s+(?<addr>[^\s@]+@[^\s@]+)/i },
  // qmail with a three-language intro, Spanish first
  { start: ci('Your message could not be delivered'), end: ci('^-'), address: ANGLE_COLON },
  // socgen.com
  { start: ci('Your message could not be delivered to'), end: ci('^\\s*$'), address: /(?<addr>[^\s@]+@[^\s@]+)/ },
  // dadoservice.it
  { start: ci('Your message has encountered delivery problems'), end: ci('Your message reads'), address: /addressed to\s*(?<addr>[^\s@]+@[^\s@)]+)/i },
  // gomaps.com
  { start: ci('Did not reach the following recipient'), end: ci('^\\s*$'), address: /\s(?<addr>[^\s@]+@[^\s@]+)/ },
  // EYOU MTA
  { start: ci('This is the deliver program at'), end: ci('^-'), address: /^(?<addr>[^\s@]+@[^\s@<>]+)/ },
  // a non-standard qmail (ieo.it)
  { start: ci('this is the email server at'), end: ci('^-'), address: /\s(?<addr>[^\s@]+@[^\s@]+)(?:[\s,]|$)/ },
  // MDaemon.PRO (pla.net.py)
  { start: ci('- no such user here'), end: ci('There is no user'), address: /^(?<addr>[^\s@]+@[^\s@]+)(?:\s|$)/ },
  // mxlogic.net
  { start: ci('The following address failed:'), end: ci('Included is a copy of the message header'), address: /<(?<addr>[^>]+)>/ },
  // fastdnsservers.com
  { start: ci('The following recipient.*could not be reached'), end: /(?!)/, address: /^(?<addr>[^\s@]+@[^\s@<>]+)\s*$/ },
  // lttf.com
  { start: ci('Could not deliver message to'), end: ci('^\\s*--'), address: /^Failed Recipient:\s*(?<addr>[^\s@]+@[^\s@]+)\s*$/i },
  // uci.edu
  { start: ci('--------Message not delivered'), end: ci('--------Error Detail'), address: ALONE },
  // Dovecot LDA over-quota notice (an MDN where a DSN belongs)
  { start: ci('^Your message'), end: ci('^Reporting'), address: /Your message to (?<addr>[^\s@]+@[^\s@]+) was automatically rejected/i },
  // mail.ru
  { start: ci('A message that you sent was rejected'), end: ci('This is a copy of your message'), address: /\s(?<addr>[^\s@]+@[^\s@]+)/ },
  // MailEnable
  { start: ci('Message could not be delivered to some recipients\\.'), end: ci('Message headers follow'), address: /Recipient: \[SMTP:(?<addr>[^\s@]+@[^\s@]+)\]/i },
  // Yahoo, in a layout of its own
  { start: ci("wasn't able to deliver the following message"), end: ci('---Below this line is a copy of the message\\.'), address: /To: (?<addr>[^\s@]+@[^\s@]+)/i },
  // an unidentified MTA
  { start: ci('This is a delivery failure notification message'), end: ci('The problem appears to be'), address: /-- (?<addr>[^\s@]+@[^\s@]+)/i },
];

export const simpleMatch: Detector = {
  id: 'simple-match',
  detect(ctx: BounceContext): Detection | null {
    // A pattern this loose is only trusted on mail that looks like a delivery report.
    if (!looksLikeBounce(ctx)) return null;
    return failed(scanPatterns(ctx.lines, FORMATS).map((address) => ({ address })));
  },
};
