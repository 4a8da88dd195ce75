import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subjectKey, subjectParts } from './subject.ts';

test('reply markers and list tags are stripped wherever stacked', () => {
  assert.deepEqual(subjectParts('Re: [Jfs-discussion] RE: Foo'), { base: 'Foo', isReply: true });
  assert.deepEqual(subjectParts('[Rd] strange interaction'), { base: 'strange interaction', isReply: false });
  assert.deepEqual(subjectParts('AW: Sv: Antw: Re[2]: Fwd: topic'), { base: 'topic', isReply: true });
  assert.deepEqual(subjectParts('RE:   spaced   out '), { base: 'spaced out', isReply: true });
  assert.deepEqual(subjectParts('Re: [notmuch] [PATCH 1/2] Close message file'), { base: '[PATCH 1/2] Close message file', isReply: true });
  assert.deepEqual(subjectParts('[PATCH] no list tag'), { base: '[PATCH] no list tag', isReply: false });
  assert.deepEqual(subjectParts('[tag]'), { base: '[tag]', isReply: false }, 'a tag alone is the subject');
  assert.deepEqual(subjectParts(''), { base: '', isReply: false });
});

test('the list tag given by the caller goes even when it has spaces', () => {
  assert.equal(subjectParts('Re: [My List] hello', 'My List').base, 'hello');
});

test('the grouping key folds case', () => {
  assert.equal(subjectKey('Re: [Jfs-discussion] RE: Foo Bar'), subjectKey('foo bar'));
  assert.notEqual(subjectKey('[PATCH v2] x'), subjectKey('[PATCH v3] x'));
});
