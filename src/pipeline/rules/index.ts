// The moderation rules in the order the chain runs them (Mailman 3's built-in chain): seven
// deciding rules, then the checks whose hits are all recorded and folded together.
import { administrivia } from './administrivia.ts';
import { approved } from './approved.ts';
import { bannedAddress } from './banned-address.ts';
import { dmarcReject } from './dmarc-reject.ts';
import { emergency } from './emergency.ts';
import { headerMatch } from './header-match.ts';
import { implicitDest } from './implicit-dest.ts';
import { loop } from './loop.ts';
import { maxRecipients } from './max-recipients.ts';
import { maxSize } from './max-size.ts';
import { memberModeration } from './member-moderation.ts';
import { noSubject } from './no-subject.ts';
import { nonmemberModeration } from './nonmember-moderation.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule[] = [
  loop,
  approved,
  emergency,
  bannedAddress,
  dmarcReject,
  memberModeration,
  nonmemberModeration,
  administrivia,
  implicitDest,
  maxRecipients,
  maxSize,
  noSubject,
  headerMatch,
];

export type { Rule, RuleContext } from './types.ts';
export { listIdOf } from './loop.ts';
export { APPROVAL_HEADERS } from './approved.ts';
export { findSenderMember, isModeratorSender } from './sender-member.ts';
export { patternProblem } from './patterns.ts';
export { ACTION_STRENGTH, strongestAction } from './action-strength.ts';
