// Runs the moderation rules over a post and folds their hits into a Verdict, as Mailman's
// built-in chain does: the first deciding rule that hits settles the post; otherwise every other
// rule runs, every hit is recorded, and the strongest action wins (discard > reject > hold).
import type { RuleHit, Verdict } from '../domain/verdict.ts';
import { RULES, strongestAction } from './rules/index.ts';
import type { Rule, RuleContext } from './rules/index.ts';

export function runChain(ctx: RuleContext, rules: readonly Rule[] = RULES): Verdict {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const hit = rule.check(ctx);
    if (!hit) continue;
    // A deciding hit ends the chain, an accept from moderation included: the later hold
    // checks are skipped, as Mailman's jump to the accept or moderation chain does.
    if (rule.decides) return { action: hit.action, hits: [...hits, hit] };
    hits.push(hit);
  }
  return { action: strongestAction(hits), hits };
}
