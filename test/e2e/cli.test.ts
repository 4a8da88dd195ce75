// The CLI over a real store and Maildir outbox: lists, members (bulk CSV), inject, held, queue;
// and the installed `caucus` command itself, for exit codes and one-line errors.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { startTestApp, dbKinds, type TestApp } from '../harness/app.ts';
import { runCli } from '../harness/cli.ts';

const L = 'governance@lists.example.org';
const post = (from: string, subject: string, extra = '') =>
  `From: ${from}\nTo: ${L}\nSubject: ${subject}\nMessage-ID: <${subject.replace(/\W/g, '')}.${Math.random().toString(36).slice(2)}@example.net>\n${extra}\nBody of ${subject}.\n`;

for (const kind of dbKinds) {
  describe(`cli on ${kind}`, () => {
    let t: TestApp;
    let outbox: string;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'caucus-cli-'));
      outbox = join(dir, 'outbox');
      t = await startTestApp(kind, `maildir:${outbox}`, { workers: 0 });
    });
    after(async () => t.close());
    const delivered = () => {
      try {
        return readdirSync(join(outbox, 'new')).map((f) => readFileSync(join(outbox, 'new', f), 'utf8'));
      } catch {
        return [];
      }
    };

    test('lists create, list, show, set, errors', async () => {
      assert.match((await runCli(t.app, ['lists', 'create', L, '--owner', 'owner@example.org'])).out, /created governance@lists\.example\.org/);
      const dup = await runCli(t.app, ['lists', 'create', L]);
      assert.equal(dup.ok, false);
      assert.match(dup.err, /already exists/);
      assert.match((await runCli(t.app, ['lists', 'list'])).out, /governance@lists\.example\.org\t0 members/);
      assert.match((await runCli(t.app, ['lists', 'set', 'governance', 'maxRecipients=3', 'subjectPrefix=[gov]'])).out, /updated/);
      const shown = JSON.parse((await runCli(t.app, ['lists', 'show', L])).out);
      assert.equal(shown.settings.maxRecipients, 3);
      assert.equal(shown.settings.subjectPrefix, '[gov]');
      const bad = await runCli(t.app, ['lists', 'set', L, 'noSuchKey=1']);
      assert.match(bad.err, /unknown list setting "noSuchKey"/);
      const badType = await runCli(t.app, ['lists', 'set', L, 'maxRecipients=lots']);
      assert.match(badType.err, /maxRecipients/);
      assert.match((await runCli(t.app, ['lists', 'create', 'not an address'])).err, /not an email address/);
      await runCli(t.app, ['lists', 'set', L, 'subjectPrefix=[{list_name}]']);
    });

    test('members add from arguments and CSV on stdin, list, set, remove', async () => {
      assert.match((await runCli(t.app, ['members', 'add', L, 'alice@example.net', 'Bob Jones <bob@example.org>'])).out, /added 2 member/);
      const csv = 'email,name\ncarol@example.com,"Carol, Q."\n"Dan" <dan@example.com>\n';
      assert.match((await runCli(t.app, ['members', 'add', L, '--file', '-'], csv)).out, /added 2 member/);
      assert.match((await runCli(t.app, ['members', 'add', L, 'alice@example.net'])).out, /already there: alice@example.net/);
      const list = (await runCli(t.app, ['members', 'list', L])).out;
      assert.match(list, /Carol, Q\. <carol@example\.com>/);
      assert.match(list, /Bob Jones <bob@example\.org>/);
      assert.equal(list.trim().split('\n').length, 4);
      assert.match((await runCli(t.app, ['members', 'set', L, 'dan@example.com', 'delivery=off', 'moderation=hold'])).out, /updated/);
      assert.match((await runCli(t.app, ['members', 'list', L, '--search', 'dan'])).out, /disabled moderation=hold/);
      assert.match((await runCli(t.app, ['members', 'set', L, 'dan@example.com', 'colour=blue'])).err, /unknown member option/);
      assert.match((await runCli(t.app, ['members', 'remove', L, 'nobody@example.com'])).err, /no such member/);
      assert.match((await runCli(t.app, ['members', 'add', L, '--file', '-'], 'just words\n')).err, /line 1: no address/);
    });

    test('inject: a member post is delivered to the Maildir, a stranger is held, then approved', async () => {
      const f1 = join(dir, 'p1.eml');
      writeFileSync(f1, post('Alice <alice@example.net>', 'Hello all'));
      const r = await runCli(t.app, ['inject', '--list', L, f1]);
      assert.match(r.out, /message \d+ accepted/);
      const copies = delivered().filter((m) => /Subject: \[governance\] Hello all/.test(m));
      assert.equal(copies.length, 3, 'alice, bob, carol; dan has delivery off');
      assert.ok(copies.every((m) => /^Delivered-To: /m.test(m) && /governance-leave@lists\.example\.org/.test(m)));
      const f2 = join(dir, 'p2.eml');
      writeFileSync(f2, post('Mallory <mallory@elsewhere.example>', 'Cheap pills'));
      assert.match((await runCli(t.app, ['inject', '--list', L, f2])).out, /held \(nonmember-moderation: /);
      const held = (await runCli(t.app, ['held', 'list', L])).out;
      const id = held.match(/^(\d+)\t.*mallory@elsewhere\.example\tCheap pills\tnonmember-moderation$/m)?.[1];
      assert.ok(id, held);
      assert.match((await runCli(t.app, ['held', 'show', L, id])).out, /rule nonmember-moderation -> hold/);
      assert.ok(delivered().some((m) => /requires approval/.test(m) && /Delivered-To: owner@example\.org/.test(m)), 'owner notified');
      await runCli(t.app, ['held', 'approve', L, id]);
      assert.equal(delivered().filter((m) => /Subject: \[governance\] Cheap pills/.test(m)).length, 3);
      assert.match((await runCli(t.app, ['held', 'approve', L, id])).err, /not held/);
    });

    test('held reject tells the poster; discard tells nobody', async () => {
      const f = join(dir, 'p3.eml');
      writeFileSync(f, post('Member Dan <dan@example.com>', 'Moderated member'));
      assert.match((await runCli(t.app, ['inject', '--list', L, f])).out, /held \(member-moderation/);
      const id = (await runCli(t.app, ['held', 'list', L])).out.match(/^(\d+)\t.*Moderated member/m)![1]!;
      await runCli(t.app, ['held', 'reject', L, id, '--reason', 'Off topic here']);
      const notice = delivered().find((m) => /Delivered-To: dan@example\.com/.test(m) && /rejected/.test(m));
      assert.ok(notice);
      assert.match(notice, /Off topic here/);
      writeFileSync(f, post('x@elsewhere.example', 'Discard me'));
      await runCli(t.app, ['inject', '--list', L, f]);
      const id2 = (await runCli(t.app, ['held', 'list', L])).out.match(/^(\d+)\t.*Discard me/m)![1]!;
      const before = delivered().length;
      assert.match((await runCli(t.app, ['held', 'discard', L, id2])).out, /discarded/);
      assert.equal(delivered().length, before);
      assert.match((await runCli(t.app, ['held', 'list', L])).out, /no held posts/);
    });

    test('queue shows counts and dead jobs; retry puts them back', async () => {
      await t.app.store.enqueue({ queue: 'deliver', payload: { bogus: true }, maxAttempts: 1 }, new Date());
      await t.app.runJobsUntilIdle();
      assert.match((await runCli(t.app, ['queue'])).out, /deliver\tdead\t1/);
      assert.match((await runCli(t.app, ['queue', 'dead'])).out, /bad payload/);
      assert.match((await runCli(t.app, ['queue', 'retry'])).out, /1 job\(s\) queued again/);
    });
  });
}

describe('the caucus command', () => {
  test('a user error is one line on stderr and a non-zero exit', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caucus-bin-'));
    const r = spawnSync(process.execPath, ['bin/caucus.js', 'members', 'add', 'nolist@example.org', 'a@b.c'], { env: { ...process.env, CAUCUS_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.trim(), 'caucus: no list nolist@example.org');
    const bad = spawnSync(process.execPath, ['bin/caucus.js', 'lists', 'list'], { env: { ...process.env, CAUCUS_DATA_DIR: dataDir, CAUCUS_SMTP_PORT: 'abc', DATABASE_URL: '' }, encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr.trim(), /^caucus: CAUCUS_SMTP_PORT: expected a number/);
  });

  test('import, export and reindex through the installed command (its archive root): same store, same one-line errors', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caucus-bin-'));
    const env = { ...process.env, CAUCUS_DATA_DIR: dataDir, CAUCUS_OUTBOUND: `maildir:${join(dataDir, 'out')}`, DATABASE_URL: '' };
    const caucus = (...args: string[]) => spawnSync(process.execPath, ['bin/caucus.js', ...args], { env, encoding: 'utf8' });
    const mbox = join(dataDir, 'in.mbox');
    const msg = (i: number) => `From a@example.org Mon Jan  1 10:00:0${i} 2007\nFrom: A <a@example.org>\nSubject: Item ${i}\nDate: Mon, 1 Jan 2007 10:00:0${i} +0000\nMessage-ID: <item${i}@example.org>\n${i ? 'In-Reply-To: <item0@example.org>\n' : ''}\nText ${i}.\n\n`;
    writeFileSync(mbox, [0, 1, 2].map(msg).join(''));
    assert.equal(caucus('lists', 'create', L).status, 0);
    const imp = caucus('import', '--no-progress', '--list', L, mbox);
    assert.equal(imp.status, 0, imp.stderr);
    assert.match(imp.stdout, /read 3, added 3, skipped 0 .*; 1 threads/);
    const exp = caucus('export', '--list', L);
    assert.equal(exp.status, 0, exp.stderr);
    assert.equal(exp.stdout, readFileSync(mbox, 'utf8'), 'export gives back the imported mbox');
    assert.match(caucus('reindex', '--list', L).stdout, /3 message\(s\) reindexed, 1 thread\(s\)/);
    const missing = caucus('import', '--list', 'nolist@example.org', mbox);
    assert.notEqual(missing.status, 0);
    assert.equal(missing.stderr.trim(), 'caucus: no list nolist@example.org');
    const badThreads = caucus('import', '--threads', 'x', '--list', L, mbox);
    assert.notEqual(badThreads.status, 0);
    assert.equal(badThreads.stderr.trim(), 'caucus: --threads must be a whole number from 0 to 64');
    // A missing file is named before anything is imported, even after files big enough that their
    // first transactions would have been written.
    const other = join(dataDir, 'other.mbox');
    const many = (i: number) => `From b@example.org Tue Jan  2 10:00:00 2007\nFrom: B <b@example.org>\nSubject: Many ${i}\nMessage-ID: <many${i}@example.org>\n\nText ${i}.\n\n`;
    writeFileSync(other, Array.from({ length: 2500 }, (_, i) => many(i)).join(''));
    const gone = caucus('import', '--no-progress', '--list', L, other, join(dataDir, 'gone.mbox'));
    assert.notEqual(gone.status, 0);
    assert.equal(gone.stderr.trim(), `caucus: no such file: ${join(dataDir, 'gone.mbox')}`);
    assert.match(caucus('import', '--no-progress', '--list', L, other).stdout, /read 2500, added 2500, skipped 0 /, 'nothing of other.mbox was stored before');
  });
});
