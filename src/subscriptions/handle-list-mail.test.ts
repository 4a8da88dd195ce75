// Mail to -join, -leave and -confirm over the real store: the request it makes, the one reply
// at most, silence towards robots (RFC 3834), and no crash on anything.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../test/harness/stores.ts';
import { deliverTo, makeDeps, makeList, takeSent, tokenOf } from './fixtures/kit.ts';

for (const f of storeFactories) {
  describe(`list robot mail on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    test('-join with the confirm policy: the confirmation is the only answer, to the From address', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      const r = await deliverTo(deps, list, 'join', { from: '"Ann Lee" <ann@example.net>', subject: 'please add me' }, { envelopeFrom: 'bounce-123@mx.example.net' });
      assert.equal(r.outcome, 'handled');
      assert.equal(r.queued, 1);
      const sent = await takeSent(t.store);
      assert.deepEqual(sent.map((s) => [s.purpose, s.to[0]]), [['confirm-subscribe', 'ann@example.net']]);
      const pending = await t.store.getPending(tokenOf(sent[0]!));
      assert.equal(pending?.data.displayName, 'Ann Lee');
    });

    test('-join with the open policy welcomes; a second -join answers that the sender is a member', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'open' });
      await deliverTo(deps, list, 'join', { from: 'bo@example.net', subject: '' });
      assert.ok(await t.store.getMember(list.id, 'bo@example.net'));
      assert.deepEqual((await takeSent(t.store)).map((s) => s.purpose), ['welcome']);
      const again = await deliverTo(deps, list, 'join', { from: 'bo@example.net', subject: 'join', messageId: '<again@example.net>' });
      assert.equal(again.queued, 1);
      const [reply] = await takeSent(t.store);
      assert.equal(reply?.subject, 'The results of your email commands');
      assert.equal(reply?.inReplyTo, '<again@example.net>');
      assert.match(reply?.text ?? '', /> join\n {4}bo@example\.net is already a member of /);
    });

    test('-leave: a member is sent a confirmation; a non-member sender is told, only themselves', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { unsubscribePolicy: 'confirm' });
      await t.store.addMember({ listId: list.id, address: 'cy@example.net' }, deps.now(), deps.token());
      await deliverTo(deps, list, 'leave', { from: 'Cy <CY@example.net>' });
      const [c] = await takeSent(t.store);
      assert.equal(c?.purpose, 'confirm-unsubscribe');
      assert.deepEqual(c?.to, ['cy@example.net']);
      await deliverTo(deps, list, 'leave', { from: 'di@example.net' });
      const [n] = await takeSent(t.store);
      assert.deepEqual(n?.to, ['di@example.net']);
      assert.match(n?.text ?? '', /di@example\.net is not a member of/);
    });

    test('confirm by the +TOKEN address: done, and the welcome is the answer', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      await deliverTo(deps, list, 'join', { from: 'ed@example.net' });
      const token = tokenOf((await takeSent(t.store))[0]!);
      const r = await deliverTo(deps, list, 'confirm', { from: 'ed@example.net', subject: 'whatever' }, { detail: token });
      assert.deepEqual(r.log, ['confirm ' + token + ': subscribed']);
      assert.ok(await t.store.getMember(list.id, 'ed@example.net'));
      assert.deepEqual((await takeSent(t.store)).map((s) => s.purpose), ['welcome']);
      // The same token again: a reply says it is spent.
      await deliverTo(deps, list, 'confirm', { from: 'ed@example.net' }, { detail: token });
      const [spent] = await takeSent(t.store);
      assert.match(spent?.text ?? '', /No request waits for this code/);
    });

    test('confirm by replying: "Re: confirm TOKEN" to -confirm or -request, quoted body ignored', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm', sendWelcome: false });
      await deliverTo(deps, list, 'join', { from: 'flo@example.net' });
      await deliverTo(deps, list, 'join', { from: 'gia@example.net' });
      const [a, b] = await takeSent(t.store);
      const ta = tokenOf(a!);
      const tb = tokenOf(b!);
      const quoted = `Yes please.\n\nOn Mon, 2 Mar 2026, list wrote:\n> confirm ${ta}\n> To confirm, do one of these:\n`;
      await deliverTo(deps, list, 'confirm', { from: 'flo@example.net', subject: `Re: confirm ${ta}`, body: quoted });
      assert.ok(await t.store.getMember(list.id, 'flo@example.net'));
      // No welcome on this list, so a short reply says it is done.
      const [doneA] = await takeSent(t.store);
      assert.match(doneA?.text ?? '', /flo@example\.net is now a member/);
      const r = await deliverTo(deps, list, 'request', { from: 'gia@example.net', subject: `AW: Re: confirm ${tb}`, body: `confirm ${tb}\n` });
      assert.ok(await t.store.getMember(list.id, 'gia@example.net'));
      const [doneB] = await takeSent(t.store);
      assert.equal(r.queued, 1);
      // The body repeats the subject's command (as some mail programs do): it runs once.
      assert.equal(doneB?.text.match(/> confirm/g)?.length, 1);
      assert.match(doneB?.text ?? '', /gia@example\.net is now a member/);
    });

    test('robots get no reply and cause no action (RFC 3834)', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { subscribePolicy: 'confirm' });
      await deliverTo(deps, list, 'join', { from: 'hu@example.net' });
      const token = tokenOf((await takeSent(t.store))[0]!);
      const robots: Array<[Parameters<typeof deliverTo>[3], string | null]> = [
        [{ from: 'hu@example.net', headers: { 'Auto-Submitted': 'auto-replied' }, subject: `Re: confirm ${token}` }, 'hu@example.net'],
        [{ from: 'hu@example.net', headers: { 'Auto-Submitted': 'Auto-Generated; owner-email="x@example.net"' } }, 'hu@example.net'],
        [{ from: 'hu@example.net', headers: { Precedence: 'bulk' } }, 'hu@example.net'],
        [{ from: 'hu@example.net', headers: { Precedence: 'junk' } }, 'hu@example.net'],
        [{ from: 'hu@example.net', headers: { Precedence: 'list' } }, 'hu@example.net'],
        [{ from: 'hu@example.net' }, null],
        [{ from: 'hu@example.net' }, ''],
        [{ from: 'MAILER-DAEMON@mx.example.net' }, 'MAILER-DAEMON@mx.example.net'],
        [{ from: 'other-list-request@example.com' }, 'other-list-request@example.com'],
        [{ from: `${list.name}-bounces@lists.example.org` }, `${list.name}-bounces@lists.example.org`],
        [{ from: `${list.name}@lists.example.org` }, 'hu@example.net'],
      ];
      for (const [parts, envelopeFrom] of robots) {
        for (const role of ['join', 'leave', 'request', 'confirm'] as const) {
          const r = await deliverTo(deps, list, role, parts, { envelopeFrom, detail: role === 'confirm' ? token : null });
          assert.equal(r.outcome, 'ignored', JSON.stringify([parts, envelopeFrom, role]));
        }
      }
      assert.equal((await takeSent(t.store)).length, 0);
      assert.ok(await t.store.getPending(token));
      assert.equal(await t.store.getMember(list.id, 'hu@example.net'), null);
      // Auto-Submitted: no is a person's message.
      const person = await deliverTo(deps, list, 'confirm', { from: 'hu@example.net', headers: { 'Auto-Submitted': 'no' } }, { detail: token });
      assert.equal(person.outcome, 'handled');
      assert.ok(await t.store.getMember(list.id, 'hu@example.net'));
      await takeSent(t.store);
    });

    test('a stranger asking about another address: the reply is identical for member and non-member', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store, { unsubscribePolicy: 'confirm', subscribePolicy: 'open' });
      await t.store.addMember({ listId: list.id, address: 'member@example.net' }, deps.now(), deps.token());
      const ask = async (command: string, address: string) => {
        await deliverTo(deps, list, 'request', { from: 'snoop@example.com', subject: 'x', body: `${command} address=${address}\n`, messageId: '<same@example.com>' });
        const sent = await takeSent(t.store);
        const reply = sent.find((s) => s.purpose === 'command-results');
        return { reply: (reply?.text ?? '').replaceAll(address, 'X'), toAddress: sent.filter((s) => s.to[0] === address).map((s) => s.purpose) };
      };
      const leaveMember = await ask('unsubscribe', 'member@example.net');
      const leaveStranger = await ask('unsubscribe', 'stranger@example.net');
      assert.equal(leaveMember.reply, leaveStranger.reply);
      assert.match(leaveMember.reply, /If X is a member of .*, a confirmation request has been sent to X\./);
      assert.deepEqual(leaveMember.toAddress, ['confirm-unsubscribe']);
      assert.deepEqual(leaveStranger.toAddress, []);
      const joinMember = await ask('subscribe', 'member@example.net');
      const joinStranger = await ask('join', 'stranger@example.net');
      assert.equal(joinMember.reply.replace('> subscribe', '> join'), joinStranger.reply);
      assert.deepEqual(joinMember.toAddress, []);
      assert.deepEqual(joinStranger.toAddress, ['confirm-subscribe']);
      // Even on an open list, the third party is not subscribed until they confirm.
      assert.equal(await t.store.getMember(list.id, 'stranger@example.net'), null);
      assert.ok(await t.store.getMember(list.id, 'member@example.net'));
    });

    test('replies to one address are rate-limited, so the list cannot flood a forged sender', async () => {
      const deps = makeDeps(t.store, 3);
      const list = await makeList(t.store);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await deliverTo(deps, list, 'request', { from: 'victim@example.net', subject: 'help' }));
      assert.deepEqual(results.map((r) => r.queued), [1, 1, 1, 0, 0, 0]);
      assert.equal((await takeSent(t.store)).length, 3);
    });

    test('malformed input never throws: garbage gets help or nothing', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store);
      const nested = `From: x@example.net\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n${Array.from({ length: 80 }, (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`).join('')}`;
      const inputs: Buffer[] = [
        Buffer.alloc(0),
        Buffer.from('not a message at all'),
        Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x80, 0x81]),
        Buffer.from(nested),
        Buffer.from(`From: x@example.net\r\nSubject: ${'a'.repeat(100_000)}\r\n\r\n${'b'.repeat(200_000)}`),
        Buffer.from('From: =?utf-8?B?!!!?= <x@example.net>\r\nSubject: =?bogus?Q?x?=\r\nContent-Type: text/plain; charset=no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n'),
        Buffer.from('From: not-an-address\r\nSubject: help\r\n\r\n'),
      ];
      for (const raw of inputs) {
        for (const role of ['join', 'leave', 'request', 'confirm'] as const) {
          const r = await deliverTo(deps, list, role, raw, { envelopeFrom: 'x@example.net', detail: role === 'confirm' ? 'no-such-token' : null });
          assert.equal(r.outcome, 'handled');
        }
      }
      await takeSent(t.store);
      // No usable From and no usable envelope sender: nobody to answer.
      const none = await deliverTo(deps, list, 'request', Buffer.from('Subject: help\r\n\r\nhelp\r\n'), { envelopeFrom: 'garbage' });
      assert.equal(none.outcome, 'ignored');
      // No From header: the envelope sender is answered.
      await deliverTo(deps, list, 'request', Buffer.from('Subject: help\r\n\r\n'), { envelopeFrom: 'env@example.net' });
      const [r] = await takeSent(t.store);
      assert.deepEqual(r?.to, ['env@example.net']);
    });

    test('a message with no command earns the help text', async () => {
      const deps = makeDeps(t.store);
      const list = await makeList(t.store);
      await deliverTo(deps, list, 'request', { from: 'jo@example.net', subject: 'Hello there', body: 'Can you tell me about the list?\n' });
      const [r] = await takeSent(t.store);
      assert.match(r?.text ?? '', /No commands were found in this message\./);
      assert.match(r?.text ?? '', /- Unprocessed:\n {4}Can you tell me about the list\?/);
      assert.match(r?.text ?? '', new RegExp(`Commands for the .* mailing list, sent to ${list.name}-request@lists\\.example\\.org`));
      assert.match(r?.text ?? '', /subscribe \[digest\|nodigest\] \[address=<address>\]/);
      // -confirm without any token is also answered with help.
      await deliverTo(deps, list, 'confirm', { from: 'jo@example.net', subject: 'hi' });
      assert.match((await takeSent(t.store))[0]?.text ?? '', /Commands for the/);
    });
  });
}
