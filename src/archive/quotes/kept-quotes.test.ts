import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractOverview } from '../overview.ts';
import { encodeKeptQuotes, keptQuotes } from './kept-quotes.ts';
import { decodeKeptQuotes } from './kept-quotes-read.ts';

const now = new Date('2026-12-01T00:00:00Z');
const overview = (head: string, body: string) => extractOverview(Buffer.from(`${head}\n\n${body}`), { now });
const HEAD = 'From: Carol Third <carol@example.org>\nSubject: Re: builds\nDate: Tue, 5 Jan 2010 16:00:00 +0000\nMessage-ID: <r@x>';
const QUOTE = '> I have been looking at the nightly build failures on the ARM boards and\n> they all seem to start after the toolchain upgrade last Thursday.\n>> an older quote of someone else entirely, kept out\n';

test('a reply without references keeps its attributed quote, first level only, with the attribution and its date', () => {
  const ov = overview(HEAD, `Rolled back.\n\nOn Tue, Jan 5, 2010 at 2:00 PM, Alice Example <alice@example.org> wrote:\n${QUOTE}`);
  const kept = keptQuotes(ov);
  assert.ok(kept);
  assert.equal(kept.quotes.length, 1);
  assert.match(kept.quotes[0]!.text, /^I have been looking at the nightly build failures/);
  assert.doesNotMatch(kept.quotes[0]!.text, /older quote/);
  const back = decodeKeptQuotes(encodeKeptQuotes(kept));
  assert.ok(back);
  assert.deepEqual(back.quotes.map((q) => q.text), kept.quotes.map((q) => q.text));
  const a = back.quotes[0]!.attribution ?? back.attribution;
  assert.equal(a?.style, 'wrote');
  assert.equal(a?.address, 'alice@example.org');
  assert.equal(a?.name, 'Alice Example');
  assert.equal(a?.date?.toISOString(), kept.attribution?.date?.toISOString());
  assert.equal(a?.timeKnown, true);
  assert.equal(a?.zoneKnown, false);
});

test('nothing is kept with references, without an attribution, or for a quote too short to match', () => {
  const attributed = `Rolled back.\n\nOn Tue, Jan 5, 2010 at 2:00 PM, Alice Example <alice@example.org> wrote:\n${QUOTE}`;
  assert.equal(keptQuotes(overview(`${HEAD}\nIn-Reply-To: <o@x>`, attributed)), null);
  assert.equal(keptQuotes(overview(`${HEAD}\nReferences: <o@x>`, attributed)), null);
  assert.equal(keptQuotes(overview(HEAD, `Rolled back.\n\n${QUOTE}`)), null, 'nobody named');
  assert.equal(keptQuotes(overview(HEAD, 'Yes.\n\nAlice wrote:\n> ok then\n')), null, 'fewer than three shingles');
  assert.equal(keptQuotes(overview(HEAD, 'No quotes at all.')), null);
});

test('quoted text is capped per block and per message, at a word boundary', () => {
  const line = '> lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n';
  const body = `Top.\n\nOn Tue, Jan 5, 2010 at 2:00 PM, Alice Example <alice@example.org> wrote:\n${line.repeat(60)}\nMiddle.\n\n${line.repeat(60)}\nMore.\n\n${line.repeat(60)}`;
  const kept = keptQuotes(overview(HEAD, body));
  assert.ok(kept);
  const lengths = kept.quotes.map((q) => q.text.length);
  assert.ok(lengths.every((n) => n <= 2000), String(lengths));
  assert.ok(lengths.reduce((a, b) => a + b, 0) <= 4000, String(lengths));
  assert.ok(kept.quotes.every((q) => /\w$/.test(q.text)), 'no word cut in half');
  assert.ok(encodeKeptQuotes(kept).length < 4500);
});

test('thread_data that is not ours reads back as nothing', () => {
  assert.equal(decodeKeptQuotes(null), null);
  assert.equal(decodeKeptQuotes('not json'), null);
  assert.equal(decodeKeptQuotes('{"a":[],"m":null,"q":"x"}'), null);
  assert.equal(decodeKeptQuotes('{"a":[{"s":"smoke","n":null,"e":null,"d":null,"t":false,"z":false}],"m":0,"q":[{"t":"x","a":0}]}'), null);
  // An index past the attributions reads as no attribution, not as a crash.
  assert.equal(decodeKeptQuotes('{"a":[],"m":3,"q":[{"t":"some quoted words here","a":7}]}')?.quotes[0]?.attribution, null);
});
