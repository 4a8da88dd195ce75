// Every real-world message in the shared corpus goes through the whole list server path (store,
// rules, transforms, delivery to a Maildir) without a crash, and ends accepted, held, rejected or
// discarded, each non-accepted one with a reason. Half go to a list with default settings (mostly
// held: strangers), half to an open list (mostly accepted and delivered), so both paths see all
// of the mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, needsCorpus } from '../harness/corpus.ts';
import { corpusMessages } from '../harness/corpus-messages.ts';
import { startTestApp } from '../harness/app.ts';
import { defaultListSettings } from '../../src/domain/list-settings.ts';
import { processIncoming } from '../../src/pipeline/index.ts';

test('corpus: every message is decided with a reason and accepted ones are delivered', { ...needsCorpus, timeout: 20 * 60_000 }, async () => {
  const outbox = join(mkdtempSync(join(tmpdir(), 'caucus-corpus-')), 'outbox');
  const t = await startTestApp('sqlite', `maildir:${outbox}`, { workers: 0, ephemeralPorts: false });
  try {
    const s = t.app.store;
    const strict = await s.createList({ name: 'strict', domain: 'lists.example.org', settings: defaultListSettings(), createdAt: new Date() });
    const open = await s.createList({
      name: 'open', domain: 'lists.example.org', createdAt: new Date(),
      settings: { ...defaultListSettings(), defaultNonmemberAction: 'accept', requireExplicitDestination: false, maxRecipients: 0, maxMessageKb: 0 },
    });
    for (const l of [strict, open]) await s.addMember({ listId: l.id, address: 'reader@example.org' }, new Date(), `tok-${l.name}`);
    const states: Record<string, number> = {};
    let n = 0;
    for (const { where, raw } of corpusMessages(corpusDir)) {
      const list = n++ % 2 === 0 ? strict : open;
      const id = await s.saveIncoming({ raw, envelopeFrom: null, listId: list.id, role: 'post', detail: null, receivedAt: new Date() });
      await processIncoming(t.app.pipeline, { messageId: id });
      const m = await s.getMessage(id);
      assert.ok(m, where);
      assert.ok(['accepted', 'held', 'rejected', 'discarded'].includes(m.state), `${where}: ended ${m.state}`);
      if (m.state !== 'accepted') assert.ok(m.hits.length > 0 && m.hits.every((h) => h.reason.trim()), `${where}: ${m.state} without a reason`);
      states[m.state] = (states[m.state] ?? 0) + 1;
      if (n % 500 === 0) await t.app.runJobsUntilIdle();
    }
    await t.app.runJobsUntilIdle();
    assert.ok(n > 10_000, `read ${n} messages`);
    const delivered = readdirSync(join(outbox, 'new')).length;
    assert.equal(delivered >= (states.accepted ?? 0), true, `${delivered} copies for ${states.accepted} accepted posts`);
    assert.equal((await s.listJobs('dead', 10)).length, 0, 'no job died');
    process.stdout.write(`# corpus through the list server: ${n} messages ${JSON.stringify(states)}, ${delivered} copies delivered\n`);
  } finally {
    await t.close();
  }
});
