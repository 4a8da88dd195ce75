// What the wording of a diagnostic says about the cause. Tried in order, first hit wins, so the
// specific causes (a full mailbox, a rate limit, a spam block) come before the broad ones: a reply
// such as "550 5.1.1 mailbox full" must read as full, not as unknown. A "strong" rule names its
// cause more precisely than any status code; a weak one only fills in when the code says nothing.
import type { BounceReason } from '../types.ts';

interface Rule {
  reason: BounceReason;
  re: RegExp;
  strong: boolean;
}

const rule = (reason: BounceReason, strong: boolean, ...parts: string[]): Rule => ({ reason, strong, re: new RegExp(parts.join('|'), 'i') });

const RULES: readonly Rule[] = [
  // RFC 3464 diagnostic type X-Unix: a local delivery program's exit status, not an SMTP reply.
  rule('system-error', true, String.raw`^\s*x-unix;`),
  rule('mailbox-full', true,
    String.raw`mailbox (?:is )?full|mailbox full|over ?quota|quota (?:exceeded|exceeds|full|violation)|exceed(?:s|ed)? (?:the |its |their )?(?:storage|quota|mailbox|allowed (?:size|quota))`,
    String.raw`mailbox size limit|insufficient (?:disk )?space|(?:mailbox|mail ?box|inbox|mail folder) (?:is )?(?:over|exceed)|user has (?:exceeded|too many messages)|not enough (?:storage|space)`,
    String.raw`storage (?:space|limit|quota)|mailfolder is full|disk quota|box is full|account is full|full mailbox|too many messages in (?:the|this) mailbox|their mailbox is full`,
    String.raw`exceeding (?:their |the |its )?quota|kundenpostfach voll|boite (?:aux lettres )?pleine|メールボックスが一杯|容量`),
  rule('message-too-big', true,
    String.raw`message (?:is )?(?:too (?:big|large)|size exceeds|exceeds (?:the )?(?:maximum|size|fixed))|(?:size|length) (?:of (?:the )?message )?exceeds|mail size limit`,
    String.raw`exceed(?:s|ed)? (?:the )?(?:maximum|max|allowed)\b.{0,30}size|message too large|size limit exceeded|too large for this system|line limit exceeded|message length exceeds`),
  rule('policy', true,
    String.raw`too many (?:connections|recipients|messages|sessions|concurrent)|rate limit|ratelimit|sending rate|sent to too many|exceeded (?:the )?(?:daily|hourly) |throttl|try again later.{0,40}(?:rate|limit)`,
    String.raw`frequency limited|mismatches client ip|improper sequence of commands`),
  rule('suspended', true,
    String.raw`(?:account|mailbox|address|user) (?:has been |is |was )?(?:disabled|suspended|deactivated|inactive|locked|frozen|closed|blocked by (?:the )?administrator)`,
    String.raw`(?:disabled|suspended|inactive|deactivated|expired|closed) (?:user|account|mailbox|recipient)|temporar(?:y|ily) locked|extended inactivity|has been terminated`,
    String.raw`account (?:is )?(?:unavailable|expired|blocked)|user(?:'s)? account is disabled|not (?:currently )?active`),
  rule('has-moved', true, String.raw`has moved|address (?:has )?changed|user has moved|no longer (?:at|with) this (?:address|domain)`),
  rule('auth-failure', true,
    String.raw`\b(?:spf|dkim|dmarc)\b.{0,60}(?:fail|reject|policy|check|invalid|not (?:pass|authori[sz]ed))|(?:fail|reject).{0,40}\b(?:spf|dkim|dmarc)\b|bad spf`,
    String.raw`5\.7\.(?:23|24|26)|sender policy framework|authentication (?:checks? )?(?:failed|failure)|not authorized to send on behalf|unauthenticated email`),
  rule('not-accept', true,
    String.raw`does not accept (?:all |any )?(?:mail|email)|null mx|accepts no mail|no mail is accepted|doesn'?t receive (?:e-?)?mail|does not receive (?:e-?)?mail|indicated no smtp service|no smtp service`),
  rule('sender-rejected', true,
    String.raw`sender (?:address |domain )?(?:rejected|refused|denied|unknown|invalid|verify failed|verification|not allowed)|domain of sender|unroutable sender|unverifiable sender|bad sender`,
    String.raw`(?:from|sender|return[- ]path|envelope from|mail from)(?: address| domain)?:? (?:domain )?(?:is )?(?:invalid|not (?:valid|allowed|accepted|verified)|rejected)`,
    String.raw`sender.{0,40}(?:does not|doesn't) (?:exist|resolve)|purported responsible address|sender denied|senders? (?:mail )?domain (?:must|does|is)|address is not verified`),
  rule('user-unknown', true,
    String.raw`user(?:name)? (?:is )?unknown|unknown (?:user|recipient|local ?part|mailbox|account|e-?mail address)|no such (?:user|mailbox|recipient|person|account|local user)`,
    String.raw`(?:user|recipient|mailbox|account|addressee) (?:does not|doesn't|did not|not) exist|(?:user|recipient|mailbox) (?:is )?not (?:found|known|local|listed)`,
    String.raw`invalid (?:recipient|mailbox|user|e-?mail address)|(?:recipient|user|mailbox) (?:is )?invalid|not a valid (?:user|mailbox|recipient)|bad (?:destination )?(?:recipient|mailbox)`,
    String.raw`mailbox (?:is )?unavailable|mailbox not (?:available|present)|recipient address rejected: (?:access denied|invalid|unknown|user)|address (?:unknown|does not exist|doesn't exist)`,
    String.raw`no mailbox (?:here|by that name|found)|there is no (?:one|user|such)|nonexist(?:ent|ing) (?:user|address|mailbox|recipient)|non-existent|isn't in my list of allowed rcpthosts`,
    String.raw`email account that you tried to reach does not exist|not listed in (?:domino directory|public name & address book|the directory)|recipient name is not recognized`,
    String.raw`destination addresses? (?:were|was) unknown|badrcptto|no valid recipients|invalid final delivery userid|mailbox unknown|no account by that name|vdeliver: invalid`,
    String.raw`utilisateur inconnu|unbekannt|existiert nicht|destinatario (?:non valido|inesistente)|no existe|non esiste|recipnotfound|recipient not found|invalid user address`,
    String.raw`^\s*(?:[45]\d\d[ -])?\s*<?\S+@\S+?>? rejected\s*$|is not a (?:registered|known) (?:gateway )?user|not our customer|user not in`,
    String.raw`(?:does not|doesn't) have an? .{1,40} account|wrong or no longer valid|n'existe pas|no matches to nameserver query|does not have a final (?:e-?mail )?delivery point`,
    String.raw`did not (?:exactly )?match an? .{1,30} (?:e-?mail )?address`),
  rule('spam-blocked', true,
    String.raw`spam|junk mail|bulk mail|unsolicited|blacklist|blocklist|block ?list|black ?list|\b(?:dnsbl|rbl)\b|spamhaus|spamcop|barracuda|sorbs|phishing`),
  rule('filtered', true,
    String.raw`(?:rejected|blocked|refused) by (?:the )?(?:recipient|user|mailbox|receiver)|recipient'?s? (?:filter|policy|rules|preferences)|due to (?:the )?(?:user'?s?|recipient'?s?|receiver'?s?) (?:preferences|settings|filter|policy)`,
    String.raw`message filter|content filter|domain filter|whitelist|refuses? to accept your mail|does not accept mail from|not accepting (?:mail|e-?mail|messages) from|sender (?:is )?(?:blocked|not allowed) by (?:the )?(?:recipient|user)`),
  rule('network-error', true,
    String.raw`name service error.{0,80}(?:malformed|try again|timed out|server failure)|host not found, try again|servfail|dns (?:timeout|temporary)`),
  rule('host-unknown', true,
    String.raw`host (?:or domain name )?(?:not found|unknown)|\bhost \S+ not found|unknown (?:host|domain)|domain (?:not found|(?:is )?unknown|does not exist|doesn't exist|name not found|not exist|is not reachable)`,
    String.raw`no such (?:domain|host)|name service error|name or service not known|dns (?:error|failure|lookup failed)|unrouteable (?:mail )?domain|host lookup did not complete`,
    String.raw`domain (?:is )?invalid|invalid domain|no mx|nxdomain|all relevant mx records point to non-existent hosts|account or domain may not exist|unrouteable address`),
  rule('content-rejected', true,
    String.raw`virus|malware|infected|banned (?:attachment|content)|attachment (?:not allowed|rejected|blocked)|content (?:rejected|refused)|media error`,
    String.raw`(?:invalid|bad|malformed) (?:header|message)|(?:header|message) (?:syntax|format) (?:error|invalid)|not compliant with rfc|rfc ?(?:2822|5322|822|5321)`),
  rule('spam-blocked', true,
    String.raw`reputation|invalid ip|(?:ip|host|address|client|connection|sender ip|your ip|your host|network)\b.{0,40}(?:blocked|blacklisted|listed|banned|not allowed)`,
    String.raw`blocked (?:using|by|because|due)|banned sending ip|listed (?:at|in|on|by)|messages from \S+ weren't sent|too many unwanted messages|suspicious|abuse|not accepting connections`),
  rule('policy', false,
    String.raw`reverse (?:dns|lookup)|(?:no|missing|lack of|without) (?:a )?(?:ptr|rdns|reverse)|ptr record|\brdns\b|relay(?:ing)? (?:denied|not permitted|access denied|not allowed)`,
    String.raw`we do not relay|not permitted to relay|unable to relay|relay not permitted|not configured to relay|no relaying|protocol violation|policy|not authori[sz]ed`,
    String.raw`security|tls required|encryption required|starttls|unauthenticated|authentication required|access denied|delivery not authorized`),
  rule('expired', true,
    String.raw`retry (?:time(?:out)? (?:exceeded|expired)|timeout)|(?:message|mail|delivery|envelope) (?:has )?expired|too long in (?:the )?queue|queue (?:time|lifetime) (?:exceeded|expired)`,
    String.raw`could not be delivered (?:with)?in \d+ (?:hours|days)|gave up|giving up|delivery time expired|been (?:in the queue|undeliverable) for|retry period`,
    String.raw`not reachable within the allowed queue period|has not been collected after`),
  rule('network-error', false,
    String.raw`connection (?:refused|timed out|reset|lost|closed|dropped)|timed? ?out|no route to host|network (?:is )?unreachable|host (?:is )?unreachable|unable to connect|could not connect`,
    String.raw`lost connection|loop(?:s)? (?:back|detected)|mail loop|too many hops|hop count exceeded|routing loop|network error`),
  rule('system-error', false,
    String.raw`system (?:error|failure|config)|internal (?:server )?error|server (?:error|failure)|local (?:error|configuration error)|temporary (?:failure|problem|error)`,
    String.raw`service (?:\w+ )?(?:not available|unavailable)|resources temporarily unavailable|disk (?:full|space)|mail system full|mailer (?:error|program)|command (?:died|failed)`,
    String.raw`pipe to|exit (?:code|status)|^x-unix;|transaction failed|command (?:parameter )?not implemented|syntax error|command unrecognized|mailer error|couldn't create`),
];

export interface TextReason {
  reason: BounceReason;
  strong: boolean;
}

/** The first reason whose wording appears in the text. */
export function reasonOfText(text: string): TextReason | undefined {
  if (text.trim() === '') return undefined;
  for (const r of RULES) if (r.re.test(text)) return { reason: r.reason, strong: r.strong };
  return undefined;
}
