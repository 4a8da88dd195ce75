// The -request commands end to end over the real store: each command, its arguments and refusals,
// and where reading stops (end, signature, quotes, too many unknown lines).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeFactories, type TestStore } from '../../../test/harness/stores.ts';
import { commandSubject } from './index.ts';
import { deliverTo, makeDeps, makeList, takeSent, type TestDeps } from '../fixtures/kit.ts';
import type { MailingList } from '../../domain/list.ts';
import type { ListSettings } from '../../domain/list-settings.ts';

test('the subject loses reply markers and list tags before it is read', () => {
  assert.equal(commandSubject('Re: RE: [team] confirm abc123'), 'confirm abc123');
  assert.equal(commandSubject('AW: Fwd: subscribe'), 'subscribe');
  assert.equal(commandSubject('Re[2]: help'), 'help');
  assert.equal(commandSubject('Regarding help'), 'Regarding help');
});

for (const f of storeFactories) {
  describe(`-request commands on ${f.name}`, () => {
    let t: TestStore;
    before(async () => { t = await f.open(); });
    after(async () => { await t.close(); });

    /** Sends one command message and returns the text of the results reply. */
    async function run(deps: TestDeps, list: MailingList, from: string, body: string, subject = 'commands'): Promise<string> {
      await deliverTo(deps, list, 'request', { from, subject, body }, { envelopeFrom: from });
      const sent = await takeSent(t.store);
      const reply = sent.filter((s) => s.purpose === 'command-results');
      assert.equal(reply.length, 1);
      assert.deepEqual(reply[0]?.to, [from]);
      return reply[0]?.text ?? '';
    }

    async function setup(settings: Partial<ListSettings> = {}) {
      const deps = makeDeps(t.store, 100);
      const list = await makeList(t.store, settings);
      const add = (address: string, role: 'member' | 'owner' | 'moderator' = 'member', displayName = '') =>
        t.store.addMember({ listId: list.id, address, role, displayName }, deps.now(), deps.token());
      return { deps, list, add };
    }

    test('help and info', async () => {
      const { deps, list } = await setup({ description: 'Where the team talks.', subscribePolicy: 'approve' });
      const help = await run(deps, list, 'a@example.net', 'help\n');
      for (const name of ['help', 'info', 'subscribe', 'unsubscribe', 'confirm <token>', 'who', 'set show', 'end']) assert.ok(help.includes(`  ${name}`), name);
      assert.match(help, /\(also: join\)/);
      assert.match(help, new RegExp(`send any message to ${list.name}-leave@lists\\.example\\.org`));
      const info = await run(deps, list, 'a@example.net', 'info\n');
      assert.match(info, /> info\n {4}Team\d+ <team\d+@lists\.example\.org>\n\n {4}Where the team talks\./);
      assert.match(info, /Joining: a moderator approves each new member\./);
    });

    test('subscribe/join arguments: digest, nodigest, digest=plain, address=; unknown ones get usage', async () => {
      const { deps, list } = await setup({ subscribePolicy: 'open', sendWelcome: false });
      const text = await run(deps, list, 'b@example.net', 'join digest=plain\n');
      assert.match(text, /> join digest=plain\n {4}b@example\.net is now a member/);
      assert.equal((await t.store.getMember(list.id, 'b@example.net'))?.deliveryMode, 'plain_digest');
      await run(deps, list, 'c@example.net', 'subscribe digest');
      assert.equal((await t.store.getMember(list.id, 'c@example.net'))?.deliveryMode, 'mime_digest');
      await run(deps, list, 'd@example.net', 'SUBSCRIBE nodigest address=<D@example.net>');
      assert.equal((await t.store.getMember(list.id, 'd@example.net'))?.deliveryMode, 'regular');
      const bad = await run(deps, list, 'e@example.net', 'subscribe secretpassword\n');
      assert.match(bad, /Unknown argument: secretpassword\n {4}Usage: subscribe \[digest\|nodigest\] \[address=<address>\]/);
      assert.equal(await t.store.getMember(list.id, 'e@example.net'), null);
      const badLeave = await run(deps, list, 'e@example.net', 'leave now please\n');
      assert.match(badLeave, /Usage: unsubscribe \[address=<address>\]/);
      const badConfirm = await run(deps, list, 'e@example.net', 'confirm\n');
      assert.match(badConfirm, /Usage: confirm <token>/);
    });

    test('unsubscribe by the member with the open policy', async () => {
      const { deps, list, add } = await setup({ unsubscribePolicy: 'open', sendGoodbye: false });
      await add('f@example.net');
      const text = await run(deps, list, 'f@example.net', 'unsubscribe\n');
      assert.match(text, /> unsubscribe\n {4}f@example\.net has left/);
      assert.equal(await t.store.getMember(list.id, 'f@example.net'), null);
    });

    test('who follows roster visibility; hidden members only for owners and moderators', async () => {
      const moderators = await setup({ rosterVisibility: 'moderators' });
      await moderators.add('m1@example.net', 'member', 'Em One');
      await moderators.add('m2@example.net');
      await moderators.add('own@example.net', 'owner');
      await moderators.add('mod@example.net', 'moderator');
      const m2 = await t.store.getMember(moderators.list.id, 'm2@example.net');
      await t.store.updateMember(m2!.id, { hideFromRoster: true });
      const denied = 'The member list of ';
      assert.ok((await run(moderators.deps, moderators.list, 'm1@example.net', 'who')).includes(denied));
      assert.ok((await run(moderators.deps, moderators.list, 'nobody@example.net', 'who')).includes(denied));
      for (const staff of ['own@example.net', 'mod@example.net']) {
        const text = await run(moderators.deps, moderators.list, staff, 'who');
        assert.match(text, /m1@example\.net \(Em One\)\n {6}m2@example\.net \[hidden\]/);
      }
      const members = await setup({ rosterVisibility: 'members' });
      await members.add('n1@example.net');
      await members.add('n2@example.net');
      const n2 = await t.store.getMember(members.list.id, 'n2@example.net');
      await t.store.updateMember(n2!.id, { hideFromRoster: true });
      const seen = await run(members.deps, members.list, 'n1@example.net', 'who');
      assert.ok(seen.includes('n1@example.net') && !seen.includes('n2@example.net'));
      assert.ok((await run(members.deps, members.list, 'out@example.net', 'who')).includes(denied));
      const open = await setup({ rosterVisibility: 'public' });
      await open.add('p1@example.net');
      assert.match(await run(open.deps, open.list, 'anyone@example.net', 'who'), /Members of the .* mailing list:\n {6}p1@example\.net/);
    });

    test('set shows and changes only the sender\'s own options', async () => {
      const { deps, list, add } = await setup();
      const m = await add('g@example.net');
      await t.store.updateMember(m.id, { deliveryEnabled: false, disabledReason: 'bounces' });
      const show = await run(deps, list, 'g@example.net', 'set');
      assert.match(show, /Your options as g@example\.net:\n {6}delivery off \(bounces\)\n {6}digest off\n {6}myposts on\n {6}ack off\n {6}hide off/);
      await run(deps, list, 'g@example.net', 'set delivery on\nset digest plain\nset myposts off\nset ack on\nset hide on\n');
      const after = await t.store.getMember(list.id, 'g@example.net');
      assert.deepEqual(
        [after?.deliveryEnabled, after?.disabledReason, after?.deliveryMode, after?.receiveOwnPosts, after?.acknowledgePosts, after?.hideFromRoster],
        [true, null, 'plain_digest', false, true, true],
      );
      await run(deps, list, 'g@example.net', 'set delivery off\nset digest off');
      const off = await t.store.getMember(list.id, 'g@example.net');
      assert.equal(off?.deliveryEnabled, false);
      assert.equal(off?.deliveryMode, 'regular');
      assert.match(await run(deps, list, 'g@example.net', 'set digest weekly'), /Usage: set show \|/);
      assert.match(await run(deps, list, 'g@example.net', 'set colour blue'), /Usage: set/);
      assert.match(await run(deps, list, 'h@example.net', 'set delivery off'), /h@example\.net is not a member of/);
    });

    test('reading stops at end, a signature or a quote; unknown lines are bounded', async () => {
      const { deps, list } = await setup();
      const ended = await run(deps, list, 'i@example.net', 'info\nend\nhelp\nwho\n');
      assert.match(ended, /> info/);
      assert.doesNotMatch(ended, /> help|> who/);
      assert.match(ended, /- Ignored:\n {4}help\n {4}who/);
      const signed = await run(deps, list, 'i@example.net', 'info\n-- \nhelp\n');
      assert.doesNotMatch(signed, /> help/);
      const quoted = await run(deps, list, 'i@example.net', 'info\n> help\nwho\n');
      assert.doesNotMatch(quoted, /> help|> who/);
      const noisy = await run(deps, list, 'i@example.net', 'Hi,\nI would like\nto know\ninfo\nwho\n');
      assert.match(noisy, /- Unprocessed:\n {4}Hi,\n {4}I would like\n {4}to know/);
      assert.doesNotMatch(noisy, /> info/);
      assert.match(noisy, /- Ignored:\n {4}info\n {4}who/);
      const many = await run(deps, list, 'i@example.net', Array.from({ length: 30 }, () => 'info').join('\n'));
      // Identical lines run once; at most ten body lines are read, the rest are listed as ignored.
      assert.equal(many.match(/> info/g)?.length, 1);
      assert.match(many, /- Ignored:\n(?: {4}info\n){10} {4}\.\.\. and 10 more lines/);
    });
  });
}
