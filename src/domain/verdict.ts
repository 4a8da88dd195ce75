// What the rule chain decides about a post, with every rule hit that led there.
export const VERDICT_ACTIONS = ['accept', 'hold', 'reject', 'discard'] as const;
export type VerdictAction = (typeof VERDICT_ACTIONS)[number];

export interface RuleHit {
  /** Rule id, equal to the rule's file name: `max-size`. */
  rule: string;
  action: VerdictAction;
  /** One sentence for people: moderators, the poster on rejection. */
  reason: string;
  /** Structured facts behind the reason (sizes, matched pattern, ...). */
  details?: Record<string, string | number | boolean | null>;
}

export interface Verdict {
  action: VerdictAction;
  hits: RuleHit[];
}
