import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noSubject, subjectText } from './no-subject.ts';
import { contextFor, eml, post, testList } from './fixtures/make-context.ts';

test('no-subject: no Subject header → hold', async () => {
  const hit = noSubject.check(await contextFor(eml(['From: anne@example.com', 'To: test@lists.example.org'])));
  assert.equal(hit?.action, 'hold');
  assert.equal(hit?.reason, 'The post has no Subject header.');
  assert.deepEqual(hit?.details, { subject: null });
});

test('no-subject: blank, encoded-blank, prefix-only and Re:-only subjects → hold', async () => {
  for (const s of ['', '   ', '=?utf-8?q?_?=', '=?iso-8859-1?b?ICA=?=', '[test]', 'Re: [Test]', 'Re: Fwd:', 'AW: ']) {
    const hit = noSubject.check(await contextFor(post([`Subject: ${s}`])));
    assert.equal(hit?.reason, 'The post has an empty subject.', JSON.stringify(s));
  }
});

test('no-subject: a real subject is a miss, including a decoded non-ASCII one', async () => {
  assert.equal(noSubject.check(await contextFor(post())), null);
  assert.equal(noSubject.check(await contextFor(post(['Subject: =?utf-8?b?5pel5pys6Kqe?=']))), null);
  assert.equal(noSubject.check(await contextFor(post(['Subject: Re: Are you there?']))), null);
});

test('no-subject: miss when the list does not require a subject', async () => {
  assert.equal(noSubject.check(await contextFor(eml(['From: anne@example.com']), { settings: { requireSubject: false } })), null);
});

test('no-subject: subjectText removes a {sequence} prefix too', () => {
  assert.equal(subjectText('[test 42] ', testList({ subjectPrefix: '[{list_name} {sequence}]' })), '');
});
