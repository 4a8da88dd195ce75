import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern, findAddressMatch, hasNestedQuantifier, matchesAddressPattern, patternProblem, testCapped } from './patterns.ts';

test('plain address entries compare case-insensitively and exactly', () => {
  assert.equal(matchesAddressPattern('Anne@Example.com', ' anne@example.COM '), true);
  assert.equal(matchesAddressPattern('anne@example.com', 'nne@example.com'), false);
  assert.equal(matchesAddressPattern('anne@example.com', ''), false);
});

test('^ entries are case-insensitive regexes', () => {
  assert.equal(matchesAddressPattern('Bot-7@Spam.example', '^bot-\\d+@spam\\.example$'), true);
  assert.equal(matchesAddressPattern('anne@example.com', '^bot'), false);
});

test('invalid and backtracking-prone regexes never match and never throw', () => {
  for (const p of ['^(', '^[a-', '^a{2,1}', '^(a+)+$', '^(a|aa)*(x+)*$', '^([a-z]*)*@', '^(?:\\w+\\.?)+@x$']) {
    assert.equal(matchesAddressPattern('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', p), false, p);
    assert.equal(compilePattern(p), null, p);
    assert.ok(patternProblem(p), p);
  }
});

test('hasNestedQuantifier spots nested repetition and leaves ordinary patterns alone', () => {
  assert.equal(hasNestedQuantifier('(a+)+'), true);
  assert.equal(hasNestedQuantifier('(\\d+)*'), true);
  assert.equal(hasNestedQuantifier('((ab)+c)*'), true);
  assert.equal(hasNestedQuantifier('([a-z]+){2,}'), true);
  assert.equal(hasNestedQuantifier('^(foo|bar)+@example\\.org$'), false);
  assert.equal(hasNestedQuantifier('^[^@]+@(lists\\.)?example\\.org$'), false);
  assert.equal(hasNestedQuantifier('(a+){1,3}'), false);
  assert.equal(hasNestedQuantifier('[(a+)]+'), false);
  assert.equal(patternProblem('^[^@]+@example\\.org$'), null);
});

test('testCapped only looks at the start of long values', () => {
  const re = /z$/;
  assert.equal(testCapped(re, `${'a'.repeat(2000)}z`, 1000), false);
  assert.equal(testCapped(re, 'az', 1000), true);
});

test('findAddressMatch scans addresses in order', () => {
  assert.deepEqual(findAddressMatch(['a@x.org', 'b@x.org'], ['B@X.org', '^a@']), { address: 'a@x.org', pattern: '^a@' });
  assert.equal(findAddressMatch([], ['^.*']), null);
});
