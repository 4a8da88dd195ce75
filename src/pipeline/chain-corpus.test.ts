// Conformance over the shared real-world corpus: every message (mbox files split on their
// postmark lines, .eml and Maildir files, gzipped or not) goes through extractPostFacts and
// runChain without throwing, and every verdict other than accept carries a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listMailFiles as listFiles, messagesIn } from '../../test/harness/corpus-messages.ts';
import { corpusDir, needsCorpus } from '../../test/harness/corpus.ts';
import type { Verdict, VerdictAction } from '../domain/verdict.ts';
import { runChain } from './chain.ts';
import { extractPostFacts } from './post-facts.ts';
import { testList, testMember } from './rules/fixtures/make-context.ts';

function assertExplained(v: Verdict, where: string): void {
  if (v.action === 'accept') return;
  assert.ok(v.hits.some((h) => h.action === v.action && h.reason.trim() !== ''), `${where}: ${v.action} without a reason`);
}

test('corpus: every message yields facts and a verdict, with a reason for every non-accept', needsCorpus, async (t) => {
  const list = testList();
  const member = testMember('member@example.org');
  const verdicts: Record<VerdictAction, number> = { accept: 0, hold: 0, reject: 0, discard: 0 };
  const asMember: Record<string, number> = {};
  const nonmemberSources: Record<string, number> = {};
  let files = 0;
  let messages = 0;
  for (const file of listFiles(corpusDir)) {
    let buf = readFileSync(file);
    if (file.endsWith('.gz')) buf = gunzipSync(buf);
    const found = messagesIn(buf);
    if (found.length) files++;
    for (const [i, raw] of found.entries()) {
      const where = `${relative(corpusDir, file)}#${i}`;
      messages++;
      const post = await extractPostFacts(raw, null);
      const ctx = { list, post, senderMember: null, isListModerator: false, now: new Date(0) };
      const v = runChain(ctx);
      verdicts[v.action]++;
      const source = String(v.hits.find((h) => h.rule === 'nonmember-moderation')?.details?.source ?? 'none');
      nonmemberSources[source] = (nonmemberSources[source] ?? 0) + 1;
      assertExplained(v, where);
      // Again as a member's post, so the checks after moderation see real mail too.
      const m = runChain({ ...ctx, senderMember: member });
      assertExplained(m, where);
      for (const h of m.hits) asMember[h.rule] = (asMember[h.rule] ?? 0) + 1;
    }
  }
  t.diagnostic(`${messages} messages from ${files} files, list ${list.address}, default settings`);
  t.diagnostic(`non-member verdicts: ${JSON.stringify(verdicts)}`);
  t.diagnostic(`non-member hits by source: ${JSON.stringify(nonmemberSources)}`);
  t.diagnostic(`hits when posted by a member: ${JSON.stringify(asMember)}`);
  assert.ok(messages > 1000, `only ${messages} messages found under ${corpusDir}`);
  assert.equal(verdicts.accept + verdicts.hold + verdicts.reject + verdicts.discard, messages);
});
