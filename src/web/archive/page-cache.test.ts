// PageCache: a part is served again only under the generation it was made at; the least recently
// used parts go first past the byte budget; a part too big for the budget is made but not kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache } from './page-cache.ts';

test('a part is made once per generation and made again when the generation moves', async () => {
  const cache = new PageCache<string>(1000);
  let made = 0;
  const make = (v: string) => async () => { made++; return { value: v, bytes: 10 }; };
  assert.equal(await cache.get('k', 1, make('one')), 'one');
  assert.equal(await cache.get('k', 1, make('ignored')), 'one');
  assert.equal(made, 1);
  assert.equal(await cache.get('k', 2, make('two')), 'two');
  assert.equal(await cache.get('k', 2, make('ignored')), 'two');
  assert.equal(made, 2);
  assert.deepEqual([cache.hits, cache.misses, cache.size, cache.bytes], [2, 2, 1, 10]);
});

test('least recently used parts leave first; oversized parts are not kept', async () => {
  const cache = new PageCache<string>(100);
  const part = (v: string, bytes = 20) => async () => ({ value: v, bytes });
  for (const k of ['a', 'b', 'c', 'd', 'e']) await cache.get(k, 1, part(k));
  assert.equal(cache.bytes, 100);
  await cache.get('a', 1, part('a again'));
  await cache.get('f', 1, part('f'));
  // b was the least recently used once a was read again.
  assert.equal(await cache.get('b', 1, part('b made again')), 'b made again');
  assert.equal(await cache.get('a', 1, part('a made again')), 'a');
  assert.ok(cache.bytes <= 100);
  assert.equal(await cache.get('huge', 1, part('huge', 60)), 'huge');
  assert.equal(await cache.get('huge', 1, part('huge made again', 60)), 'huge made again');
  const none = new PageCache<string>(0);
  assert.equal(await none.get('k', 1, part('v', 1)), 'v');
  assert.equal(none.size, 0);
});
