import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArchiveEntry } from '../../store/types.ts';
import { bodyBlocks } from './body-blocks.ts';
import { ownText, quoteProbe, readerHtml } from './reader-view.ts';

const entry = (number: number, authorName: string): ArchiveEntry => ({
  id: number + 100, listId: 1, number, rawId: number, fromLine: null, hidden: false, duplicate: false, month: '2020-03', threadId: 't', parentId: null,
  link: 'none', inferred: false, messageId: `m${number}@x`, syntheticId: false, subject: 's', baseSubject: 's', isReply: false, authorName,
  authorAddress: `a${number}@example.org`, date: new Date(Date.UTC(2020, 2, 1, number)), dateSource: 'date', dateSuspect: false, inReplyTo: null,
  references: [], size: 1, attachmentCount: 0, attachmentNames: [], threadData: null, badReason: null,
});
const links = { hrefOf: (e: ArchiveEntry) => `#m${e.number}`, whoOf: (e: ArchiveEntry) => e.authorName, whenOf: () => 'then' };

test('the probe is the opening words of the shallowest quoted level, or of an Outlook original below its header', () => {
  const [, q] = bodyBlocks('Yes.\n> > older words here and more\n> The   newer words,\n> wrapped over lines.\n');
  assert.equal(quoteProbe(q!), 'the newer words, wrapped over lines.');
  const [, o] = bodyBlocks('Fine.\n-----Original Message-----\nFrom: Ann\nSent: Monday\nSubject: x\n\nThe original proposal text.\n');
  assert.equal(quoteProbe(o!), 'the original proposal text.');
  const [, short] = bodyBlocks('Yes.\n> ok\n');
  assert.equal(quoteProbe(short!), '');
});

test('quotes become links: to the source holding the words, else to the parent; signatures go', () => {
  const ann = entry(1, 'Ann');
  const bob = entry(2, 'Bob');
  const sources = [{ entry: bob, own: ownText(bodyBlocks('I agree with that.')) }, { entry: ann, own: ownText(bodyBlocks('We should move the meeting to Tuesday.\n-- \nAnn')) }];
  const blocks = bodyBlocks('On Monday, Ann wrote:\n> We should move the meeting\n> to Tuesday.\n\nNo.\n> ok\nFine.\n-- \nCid');
  const html = readerHtml(blocks, bob, sources, links, 'at');
  assert.equal(html, '<p class="ql">Quoting <a href="#m1">Ann, then</a> <span class="muted">(Quoted text, 2 lines)</span></p>'
    + '<div class="t">No.</div><p class="ql">Quoting <a href="#m2">Bob, then</a> <span class="muted">(Quoted text, 1 line)</span></p><div class="t">Fine.</div>');
  assert.equal(readerHtml(bodyBlocks('> ok'), null, [], links, 'at'),
    '<p class="ql">Quoting an earlier message <span class="muted">(Quoted text, 1 line)</span></p>');
  assert.equal(readerHtml(bodyBlocks('-- \nsig only'), null, [], links, 'at'), '<p class="muted">No new text in this message.</p>');
});
