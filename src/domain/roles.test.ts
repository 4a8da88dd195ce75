// Sub-address routing: every role suffix, +details only where they belong, lists whose own name
// ends like a suffix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateRoutes, roleAddress } from './roles.ts';

test('suffixes map to roles, most specific first, the plain name last', () => {
  assert.deepEqual(candidateRoutes('governance'), [{ name: 'governance', role: 'post', detail: null }]);
  assert.deepEqual(candidateRoutes('Governance-Request')[0], { name: 'governance', role: 'request', detail: null });
  for (const [s, role] of [['join', 'join'], ['subscribe', 'join'], ['leave', 'leave'], ['unsubscribe', 'leave'], ['owner', 'owner'], ['bounces', 'bounces'], ['confirm', 'confirm']] as const) {
    assert.equal(candidateRoutes(`gov-${s}`)[0]?.role, role, s);
  }
  // A list literally named "foo-owner" is still reachable: the plain name is the last candidate.
  assert.deepEqual(candidateRoutes('foo-owner').map((c) => `${c.name}/${c.role}`), ['foo/owner', 'foo-owner/post']);
});

test('+detail only for confirm and bounces, kept as written', () => {
  assert.deepEqual(candidateRoutes('gov-confirm+AbC123'), [{ name: 'gov', role: 'confirm', detail: 'AbC123' }]);
  assert.deepEqual(candidateRoutes('gov-bounces+alice=example.net'), [{ name: 'gov', role: 'bounces', detail: 'alice=example.net' }]);
  assert.deepEqual(candidateRoutes('gov+tag'), []);
  assert.deepEqual(candidateRoutes('gov-request+x'), []);
});

test('roleAddress builds sub-addresses', () => {
  assert.equal(roleAddress('gov', 'lists.example.org', 'post'), 'gov@lists.example.org');
  assert.equal(roleAddress('gov', 'lists.example.org', 'bounces', 'a=b.c'), 'gov-bounces+a=b.c@lists.example.org');
});
