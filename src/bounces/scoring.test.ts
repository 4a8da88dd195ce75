// The score rules: weights, once a day, staleness, the threshold, and the disabled timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultListSettings } from '../domain/list-settings.ts';
import { addBounce, daysBetween, disabledStep, emptyInfo, isStale, weigh } from './scoring.ts';

const s = defaultListSettings();
const day = (n: number, h = 12) => new Date(Date.UTC(2026, 0, 1 + n, h));

test('weights: hard 1, soft 0.5; warnings, auto-replies and the list\'s own faults count nothing', () => {
  assert.deepEqual(weigh('failure', 'user-unknown', true), { weight: 1, why: 'hard' });
  assert.deepEqual(weigh('failure', 'other', null), { weight: 1, why: 'hard' });
  assert.deepEqual(weigh('failure', 'mailbox-full', false), { weight: 0.5, why: 'soft' });
  assert.deepEqual(weigh('smtp', 'expired', false), { weight: 0.5, why: 'soft' });
  assert.deepEqual(weigh('unknown', null, null), { weight: 0.5, why: 'soft' });
  for (const kind of ['warning', 'delay', 'not-a-bounce']) assert.equal(weigh(kind, 'delayed', false).weight, 0, kind);
  assert.equal(weigh('failure', 'vacation', false).why, 'not-a-failure');
  for (const reason of ['spam-blocked', 'policy', 'content-rejected', 'auth-failure', 'sender-rejected', 'message-too-big']) {
    assert.deepEqual(weigh('failure', reason, true), { weight: 0, why: 'not-the-members-fault' }, reason);
  }
});

test('a member scores at most once per UTC day, and five hard days reach the threshold of 5', () => {
  let info = emptyInfo(1, 1);
  for (let n = 0; n < 5; n++) {
    const r = addBounce(info, 1, day(n), s);
    assert.equal(r.outcome, 'scored');
    const again = addBounce(r.info, 1, day(n, 23), s);
    assert.equal(again.outcome, 'same-day');
    assert.equal(again.info.score, n + 1, 'a second bounce the same day adds nothing');
    info = r.info;
    assert.equal(r.reached, n === 4);
  }
  assert.equal(info.score, 5);
});

test('days are calendar days: 23:59 and 00:01 are two days', () => {
  const a = addBounce(emptyInfo(1, 1), 1, new Date(Date.UTC(2026, 0, 1, 23, 59)), s);
  const b = addBounce(a.info, 1, new Date(Date.UTC(2026, 0, 2, 0, 1)), s);
  assert.equal(b.outcome, 'scored');
  assert.equal(b.info.score, 2);
});

test('a score goes stale after bounceInfoStaleAfterDays without a bounce and starts again', () => {
  const a = addBounce(emptyInfo(1, 1), 1, day(0), s);
  const b = addBounce(a.info, 1, day(7), s);
  assert.equal(b.outcome, 'scored', 'seven days later still counts');
  assert.equal(b.info.score, 2);
  const c = addBounce(b.info, 0.5, day(15), s);
  assert.equal(c.outcome, 'stale-reset');
  assert.equal(c.info.score, 0.5);
  assert.equal(isStale(day(0), day(7), s), false);
  assert.equal(isStale(day(0), day(8), s), true);
  assert.equal(daysBetween(day(0, 23), day(1, 0)), 1);
});

test('disabled timeline: notice 1 at disabling, a reminder per interval, removal one interval after the last', () => {
  const disabledAt = day(0);
  let info = { ...emptyInfo(1, 1), score: 5, disabledAt, warningsSent: 1, lastWarningAt: disabledAt };
  assert.equal(disabledStep(info, day(6), s), 'wait');
  assert.equal(disabledStep(info, day(7), s), 'warn');
  info = { ...info, warningsSent: 2, lastWarningAt: day(7) };
  assert.equal(disabledStep(info, day(13), s), 'wait');
  assert.equal(disabledStep(info, day(14), s), 'warn');
  info = { ...info, warningsSent: 3, lastWarningAt: day(14) };
  assert.equal(disabledStep(info, day(20), s), 'wait');
  assert.equal(disabledStep(info, day(21), s), 'remove');
  const none = { ...s, bounceYouAreDisabledWarnings: 0 };
  assert.equal(disabledStep({ ...emptyInfo(1, 1), disabledAt }, day(0), none), 'remove', 'no warnings: removal at once');
});
