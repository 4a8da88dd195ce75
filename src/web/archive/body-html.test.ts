import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyBlocks } from './body-blocks.ts';
import { bodyHtml, lineHtml, FOLD_LINES } from './body-html.ts';

test('blocks: own text, attribution, quote runs across blank lines, signature', () => {
  const blocks = bodyBlocks([
    'Intro line.',
    '',
    'On Mon, Jan 4, 2010 at 3:14 PM, John Doe',
    '<jd@example.org> wrote:',
    '> first quoted line',
    '',
    '> > deeper quote',
    '',
    'My answer.',
    '-- ',
    'Sig line',
  ].join('\r\n'));
  assert.deepEqual(blocks.map((b) => b.kind), ['text', 'quote', 'text', 'sig']);
  assert.deepEqual(blocks[0]!.lines, ['Intro line.', '', 'On Mon, Jan 4, 2010 at 3:14 PM, John Doe', '<jd@example.org> wrote:']);
  assert.equal(blocks[1]!.attribution, 'On Mon, Jan 4, 2010 at 3:14 PM, John Doe <jd@example.org> wrote:');
  assert.equal(blocks[1]!.attributionLines, 2);
  assert.deepEqual(blocks[1]!.lines, ['> first quoted line', '', '> > deeper quote']);
  assert.deepEqual(blocks[3]!.lines, ['-- ', 'Sig line']);
});

test('blocks: a top-posted Outlook original and a GroupWise header quote everything below them', () => {
  const outlook = bodyBlocks('Fine by me.\n\n-----Original Message-----\nFrom: A\nSent: Monday\n\nThe original.\n');
  assert.deepEqual(outlook.map((b) => b.kind), ['text', 'quote']);
  assert.equal(outlook[1]!.attribution, '-----Original Message-----');
  assert.deepEqual(outlook[1]!.lines.slice(-1), ['The original.']);
  const gw = bodyBlocks('Yes.\n>>> parminder at itforchange.net 1/9/2007 1:21 AM >>>\nThe original.');
  assert.deepEqual(gw.map((b) => b.kind), ['text', 'quote']);
  // With nothing written above it, the header opens an inline reply: the lines stay text.
  assert.deepEqual(bodyBlocks('-----Original Message-----\nFrom: A\n\nText').map((b) => b.kind), ['text']);
});

test('blocks: a Mailman footer is dimmed like a signature', () => {
  const b = bodyBlocks('Hi.\n_______________________________________________\nGovernance mailing list\nhttp://x.org/info');
  assert.deepEqual(b.map((x) => x.kind), ['text', 'sig']);
});

test('layout: whitespace, indentation, backslashes and long lines pass through escaped', () => {
  const text = 'if (a < b) {\n\tpath = "C:\\\\dir\\\\x";   // two  spaces\n}\n' + 'x'.repeat(300);
  const html = bodyHtml(text, 'none');
  assert.equal(html, `<div class="t">if (a &lt; b) {\n\tpath = &quot;C:\\\\dir\\\\x&quot;;   // two  spaces\n}\n${'x'.repeat(300)}</div>`);
});

test('quotes: short ones open, long ones folded, depth marked, summary gives size and first words', () => {
  const short = bodyHtml('Reply.\n> one\n> > two\n', 'none');
  assert.match(short, /<details class="q" open><summary>Quoted text, 2 lines: <span class="gist">one<\/span><\/summary><div class="qt">&gt; one\n<span class="q2">&gt; &gt; two<\/span><\/div><\/details>/);
  const long = bodyHtml(`Reply.\n${Array.from({ length: FOLD_LINES + 1 }, (_, i) => `> line ${i}`).join('\n')}`, 'none');
  assert.match(long, /<details class="q"><summary>Quoted text, 11 lines/);
  assert.doesNotMatch(long, /<details class="q" open>/);
});

test('signature dimmed; nothing in a body becomes markup', () => {
  const html = bodyHtml('<script>alert(1)</script>\n-- \n<b>Bob</b>', 'none');
  assert.equal(html, '<div class="t">&lt;script&gt;alert(1)&lt;/script&gt;</div><div class="sig">-- \n&lt;b&gt;Bob&lt;/b&gt;</div>');
});

test('URLs: http(s) linked, trailing punctuation left out, brackets balanced, other schemes not linked', () => {
  assert.equal(lineHtml('See https://example.org/plan.', 'none'), 'See <a href="https://example.org/plan" rel="nofollow noopener noreferrer">https://example.org/plan</a>.');
  assert.equal(lineHtml('(https://en.wikipedia.org/wiki/Foo_(bar))', 'none'),
    '(<a href="https://en.wikipedia.org/wiki/Foo_(bar)" rel="nofollow noopener noreferrer">https://en.wikipedia.org/wiki/Foo_(bar)</a>)');
  assert.equal(lineHtml('<http://a.org/x?y=1&z=2>', 'none'), '&lt;<a href="http://a.org/x?y=1&amp;z=2" rel="nofollow noopener noreferrer">http://a.org/x?y=1&amp;z=2</a>&gt;');
  assert.equal(lineHtml('javascript:alert(1) ftp://x.org', 'none'), 'javascript:alert(1) ftp://x.org');
  assert.equal(lineHtml('"https://x.org/"onmouseover=1', 'none'), '&quot;<a href="https://x.org/" rel="nofollow noopener noreferrer">https://x.org/</a>&quot;onmouseover=1');
});

test('URLs with addresses: the text is hidden per list, the link keeps working, userinfo is never linked', () => {
  assert.equal(lineHtml('https://lore.kernel.org/r/123.abc@x.org/', 'at'),
    '<a href="https://lore.kernel.org/r/123.abc%40x.org/" rel="nofollow noopener noreferrer">https://lore.kernel.org/r/123.abc at x.org/</a>');
  const hidden = lineHtml('https://lore.kernel.org/r/123.abc@x.org/', 'hidden');
  assert.doesNotMatch(hidden, /<a |@|abc/);
  assert.match(hidden, /\[address hidden\]/);
  assert.equal(lineHtml('http://user@evil.org/', 'at'), 'http://user at evil.org/');
  assert.equal(lineHtml('write to bob@example.net', 'at'), 'write to bob at example.net');
});
