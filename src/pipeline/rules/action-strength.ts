// How strongly each verdict action overrides the others when several checks hit the same post:
// losing a post silently beats bouncing it, which beats holding it, which beats letting it through.
import type { RuleHit, VerdictAction } from '../../domain/verdict.ts';

export const ACTION_STRENGTH: Readonly<Record<VerdictAction, number>> = { accept: 0, hold: 1, reject: 2, discard: 3 };

/** The strongest action among hits (discard > reject > hold > accept); accept when there are none. */
export function strongestAction(hits: readonly RuleHit[]): VerdictAction {
  let action: VerdictAction = 'accept';
  for (const h of hits) if (ACTION_STRENGTH[h.action] > ACTION_STRENGTH[action]) action = h.action;
  return action;
}
