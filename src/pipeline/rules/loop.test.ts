import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listIdOf, loop } from './loop.ts';
import { contextFor, fixture, post, testList } from './fixtures/make-context.ts';

test('loop: our own List-Id means the post came back from us → discard', async () => {
  const hit = loop.check(await contextFor(fixture('list-copy.eml')));
  assert.equal(hit?.action, 'discard');
  assert.equal(hit?.rule, 'loop');
  assert.match(hit?.reason ?? '', /already been distributed by this list/);
  assert.deepEqual(hit?.details, { header: 'List-Id', value: 'Test list <test.lists.example.org>' });
});

test('loop: X-BeenThere with our address alone is enough', async () => {
  const hit = loop.check(await contextFor(post(['X-BeenThere: Test@Lists.Example.org'])));
  assert.equal(hit?.action, 'discard');
  assert.equal(hit?.details?.header, 'X-BeenThere');
});

test("loop: another list's List-Id is a miss", async () => {
  const ctx = await contextFor(post(['List-Id: Other <other.lists.example.org>', 'X-BeenThere: other@lists.example.org']));
  assert.equal(loop.check(ctx), null);
  assert.equal(loop.check(await contextFor(post())), null);
});

test('loop: listIdOf follows RFC 2919 as Mailman does', () => {
  assert.equal(listIdOf(testList()), 'test.lists.example.org');
});
