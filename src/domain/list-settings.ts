// Every per-list option: its type, default and a one-line description. Stored as JSON on the list
// row and always read back through this schema, so an old row gains new defaults.
import { z } from 'zod';

export const MODERATION_ACTIONS = ['accept', 'hold', 'reject', 'discard', 'defer'] as const;
export const ModerationAction = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.infer<typeof ModerationAction>;

export const HeaderMatch = z.object({
  header: z.string().min(1).describe('Header name to test, case-insensitive'),
  pattern: z.string().min(1).describe('Regular expression tested against each value of the header'),
  action: z.enum(['hold', 'reject', 'discard', 'accept']).describe('What to do with a matching post'),
});
export type HeaderMatch = z.infer<typeof HeaderMatch>;

const DEFAULT_FOOTER = [
  '_______________________________________________',
  '{display_name} mailing list',
  '{list_address}',
  'You received this message as a subscriber of {list_address}.',
  'To leave the list, send any message to {leave_address}',
  'or visit {unsubscribe_url}',
  'List information: {list_info_url}',
].join('\n');

const DEFAULT_DIGEST_FOOTER = [
  '{display_name} mailing list',
  '{list_address}',
  'To leave the list, send any message to {leave_address}',
  'List information and digest settings: {list_info_url}',
].join('\n');

const addressPatterns = z.array(z.string()).default([]);

export const ListSettings = z.object({
  // identity
  displayName: z.string().default('').describe('Name shown in footers and pages; defaults to the list name'),
  description: z.string().default('').describe('One paragraph shown on the list information page'),
  advertised: z.boolean().default(true).describe('Shown on the public index of lists'),
  // posting
  subjectPrefix: z.string().default('[{list_name}]').describe('Prefix added to subjects; {list_name} and {sequence} are filled in'),
  replyTo: z.enum(['poster', 'list', 'explicit']).default('poster').describe('Where replies go: the poster, the list, or replyToAddress'),
  replyToAddress: z.string().default('').describe('Reply-To address when replyTo is explicit'),
  maxMessageKb: z.number().int().min(0).default(1024).describe('Largest post in KiB (0: no limit); larger ones are refused at SMTP'),
  maxRecipients: z.number().int().min(0).default(10).describe('Hold posts with more explicit To/Cc recipients than this (0: no limit)'),
  requireExplicitDestination: z.boolean().default(true).describe('Hold posts that do not name the list in To or Cc'),
  acceptableAliases: addressPatterns.describe('Other addresses (or ^regexes) that count as naming the list'),
  // moderation
  emergency: z.boolean().default(false).describe('Hold every post for moderation'),
  moderatorPassword: z.string().default('').describe('Password that approves a post through an Approved: header or first body line'),
  defaultMemberAction: ModerationAction.default('defer').describe('Action for members without their own moderation setting'),
  defaultNonmemberAction: z.enum(['accept', 'hold', 'reject', 'discard']).default('hold').describe('Action for posts from non-members'),
  acceptNonmembers: addressPatterns.describe('Non-member addresses (or ^regexes) whose posts are accepted'),
  holdNonmembers: addressPatterns.describe('Non-member addresses (or ^regexes) whose posts are held'),
  rejectNonmembers: addressPatterns.describe('Non-member addresses (or ^regexes) whose posts are rejected'),
  discardNonmembers: addressPatterns.describe('Non-member addresses (or ^regexes) whose posts are discarded'),
  bannedAddresses: addressPatterns.describe('Addresses (or ^regexes) whose posts are discarded and who may not join'),
  administrivia: z.boolean().default(true).describe('Hold posts that look like join/leave commands'),
  requireSubject: z.boolean().default(true).describe('Hold posts without a subject'),
  headerMatches: z.array(HeaderMatch).default([]).describe('Header regexes with the action for a match'),
  heldExpiryDays: z.number().int().min(1).default(14).describe('Days a held post waits before it is discarded with a notice'),
  // decoration
  headerTemplate: z.string().default('').describe('Text put before the body ({list_name}, {member_address}, ...)'),
  footerTemplate: z.string().default(DEFAULT_FOOTER).describe('Text put after the body ({list_name}, {leave_address}, {unsubscribe_url}, ...)'),
  // delivery
  deliveryMode: z.enum(['personalized', 'bulk']).default('personalized').describe('One copy per member with a personal footer and VERP, or one copy for many'),
  // subscription
  subscribePolicy: z.enum(['open', 'confirm', 'approve', 'confirm_then_approve']).default('confirm').describe('How people join'),
  unsubscribePolicy: z.enum(['open', 'confirm']).default('confirm').describe('How people leave by email'),
  rosterVisibility: z.enum(['public', 'members', 'moderators']).default('moderators').describe('Who may see the member list, by the `who` command and on the list\'s roster page: everyone (public), signed-in members, or only moderators and owners. Members who chose to be hidden are shown only to moderators and owners'),
  sendWelcome: z.boolean().default(true).describe('Send a welcome message to new members'),
  welcomeTemplate: z.string().default('Welcome to the {display_name} mailing list.\n\nTo post, write to {list_address}.\nTo leave, send any message to {leave_address}.\nList information: {list_info_url}\n').describe('Welcome message text'),
  sendGoodbye: z.boolean().default(true).describe('Send a goodbye message to members who leave'),
  goodbyeTemplate: z.string().default('You have left the {display_name} mailing list ({list_address}).\n\nTo join again, send any message to {join_address}.\n').describe('Goodbye message text'),
  confirmExpiryDays: z.number().int().min(1).default(3).describe('Days a confirmation token stays valid'),
  // bounces
  bounceScoreThreshold: z.number().min(0.5).default(5).describe('Bounce score at which delivery is disabled (a hard bounce scores 1, a soft one 0.5, at most one a day)'),
  bounceInfoStaleAfterDays: z.number().int().min(1).default(7).describe('Days without a bounce after which a member\'s bounce score starts again from zero'),
  bounceYouAreDisabledWarnings: z.number().int().min(0).default(3).describe('Notices a member disabled by bounces gets (the first when disabled) before removal'),
  bounceYouAreDisabledWarningsIntervalDays: z.number().int().min(1).default(7).describe('Days between those notices, and from the last one to removal'),
  bounceNotifyOwnerOnDisable: z.boolean().default(true).describe('Tell the owners when bounces disable a member'),
  bounceNotifyOwnerOnRemoval: z.boolean().default(true).describe('Tell the owners when bounces remove a member'),
  bounceProbes: z.boolean().default(false).describe('Confirm with a VERP probe message that an address fails before disabling it'),
  // digests
  digestSizeThresholdKb: z.number().int().min(1).default(30).describe('A digest is sent as soon as the collected posts pass this size in KiB'),
  digestSchedule: z.enum(['daily', 'weekly', 'monthly']).default('daily').describe('A digest is also sent when a day, week (from Monday) or month (UTC) ends with posts collected'),
  digestVolumeFrequency: z.enum(['yearly', 'quarterly', 'monthly', 'weekly', 'daily']).default('monthly').describe('How often a new digest volume starts (its issues count again from 1)'),
  digestHeaderTemplate: z.string().default('').describe('Text put at the top of each digest ({display_name}, {list_address}, ...)'),
  digestFooterTemplate: z.string().default(DEFAULT_DIGEST_FOOTER).describe('Text put at the end of each digest ({display_name}, {leave_address}, {list_info_url}, ...)'),
  // archive
  archivePolicy: z.enum(['public', 'private', 'none']).default('public').describe('Who may read the archive'),
  addressObfuscation: z.enum(['at', 'none', 'hidden']).default('at').describe('How addresses are shown in the archive'),
  // dmarc
  dmarcMitigation: z.enum(['off', 'protected', 'always']).default('protected').describe('Rewrite posts whose author domain publishes DMARC p=reject or p=quarantine (protected), every post (always), or none but the listed senders (off)'),
  dmarcMitigationAction: z.enum(['munge-from', 'wrap']).default('munge-from').describe('How: From becomes "Name via List" <list address> with the author in Reply-To or Cc, or the post is sent wrapped as message/rfc822'),
  dmarcMitigateSenders: addressPatterns.describe('Addresses, domains (example.com, with its subdomains) or ^regexes whose posts are always rewritten'),
  dmarcRejectAction: z.enum(['off', 'hold', 'reject']).default('off').describe('What to do with a post that fails DMARC while its author domain asks for p=reject'),
  dkimSign: z.boolean().default(true).describe('DKIM-sign outgoing posts with the list domain\'s key, when one exists (caucus dkim keygen)'),
  arcSeal: z.boolean().default(false).describe('Add an ARC set (RFC 8617) to outgoing posts with that key; costs two more signatures per copy'),
});
export type ListSettings = z.infer<typeof ListSettings>;

export const defaultListSettings = (): ListSettings => ListSettings.parse({});
