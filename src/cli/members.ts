// `caucus members add|remove|list|set`: one by one or in bulk from a file or stdin (CSV with
// display names, or `Name <address>` lines).
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CaucusError } from '../domain/errors.ts';
import { parseAddress } from '../domain/address.ts';
import { DELIVERY_MODES, MEMBER_ROLES, type DeliveryMode, type MemberRole } from '../domain/list.ts';
import { MODERATION_ACTIONS, type ModerationAction } from '../domain/list-settings.ts';
import type { MemberPatch } from '../store/types.ts';
import type { CliCommand, CliIO } from './command.ts';
import type { App } from './app.ts';
import { resolveList } from './resolve-list.ts';

export interface RosterEntry {
  address: string;
  displayName: string;
}

/** One entry per line: `address`, `address,Name`, `Name,address` (CSV with quotes) or `Name <address>`. */
export function parseRoster(text: string): RosterEntry[] {
  const out: RosterEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const angle = line.match(/^(.*)<([^>]+)>\s*$/);
    if (angle) {
      out.push({ address: parseAddress(angle[2]!), displayName: angle[1]!.trim().replace(/^"|"$/g, '') });
      return;
    }
    const cells = [...line.matchAll(/\s*("(?:[^"]|"")*"|[^,]*)\s*(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"').trim()).filter((c, j, a) => c !== '' || j < a.length - 1);
    const addrIdx = cells.findIndex((c) => c.includes('@'));
    if (addrIdx < 0) {
      if (i === 0 && /address|email/i.test(line)) return; // a CSV header row
      throw new CaucusError('invalid', `line ${i + 1}: no address in ${JSON.stringify(line)}`);
    }
    const name = cells.find((c, j) => j !== addrIdx && c !== '') ?? '';
    out.push({ address: parseAddress(cells[addrIdx]!), displayName: name });
  });
  return out;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

const oneOf = <T extends string>(allowed: readonly T[], v: string, what: string): T => {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new CaucusError('invalid', `${what} must be one of ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
};

const BOOL = (v: string, key: string): boolean => {
  if (/^(true|on|yes|1)$/i.test(v)) return true;
  if (/^(false|off|no|0)$/i.test(v)) return false;
  throw new CaucusError('invalid', `${key} takes on or off; got ${JSON.stringify(v)}`);
};

export function memberPatch(pairs: string[]): MemberPatch {
  const p: MemberPatch = {};
  for (const pair of pairs) {
    const [key, ...rest] = pair.split('=');
    const v = rest.join('=');
    switch (key) {
      case 'delivery': p.deliveryEnabled = BOOL(v, key); if (p.deliveryEnabled) p.disabledReason = null; break;
      case 'mode': p.deliveryMode = oneOf<DeliveryMode>(DELIVERY_MODES, v, 'mode'); break;
      case 'ownPosts': p.receiveOwnPosts = BOOL(v, key); break;
      case 'ack': p.acknowledgePosts = BOOL(v, key); break;
      case 'hide': p.hideFromRoster = BOOL(v, key); break;
      case 'name': p.displayName = v; break;
      case 'moderation': p.moderationAction = v === 'default' ? null : oneOf<ModerationAction>(MODERATION_ACTIONS, v, 'moderation'); break;
      default: throw new CaucusError('invalid', `unknown member option ${JSON.stringify(key)} (delivery, mode, ownPosts, ack, hide, name, moderation)`);
    }
  }
  return p;
}

export const membersCommand: CliCommand<App> = {
  register(program: Command, io: CliIO, deps) {
    const members = program.command('members').description('add, remove, list and change members, owners and moderators');
    members
      .command('add <list> [addresses...]')
      .description('add members; --file FILE (or -) reads CSV or "Name <address>" lines')
      .option('--file <path>', 'read entries from a file, or - for stdin')
      .option('--role <role>', 'member, owner or moderator', 'member')
      .option('--mode <mode>', 'regular, mime_digest or plain_digest', 'regular')
      .action(async (ref: string, addresses: string[], opts: { file?: string; role: string; mode: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const role = oneOf<MemberRole>(MEMBER_ROLES, opts.role, 'role');
        const deliveryMode = oneOf<DeliveryMode>(DELIVERY_MODES, opts.mode, 'mode');
        const entries = [...parseRoster(addresses.join('\n'))];
        if (opts.file) entries.push(...parseRoster(opts.file === '-' ? await readAll(io.stdin) : await readFile(opts.file, 'utf8')));
        if (entries.length === 0) throw new CaucusError('invalid', 'no addresses given');
        let added = 0;
        const skipped: string[] = [];
        await app.store.transaction(async (tx) => {
          for (const e of entries) {
            if (await tx.getMember(list.id, e.address, role)) {
              skipped.push(e.address);
              continue;
            }
            await tx.addMember({ listId: list.id, address: e.address, displayName: e.displayName, role, deliveryMode }, app.now(), app.token());
            added++;
          }
        });
        io.out(`added ${added} ${role}(s) to ${list.address}${skipped.length ? `; already there: ${skipped.join(', ')}` : ''}\n`);
      });
    members
      .command('remove <list> <addresses...>')
      .option('--role <role>', 'member, owner or moderator', 'member')
      .action(async (ref: string, addresses: string[], opts: { role: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const role = oneOf<MemberRole>(MEMBER_ROLES, opts.role, 'role');
        const missing: string[] = [];
        for (const a of addresses) {
          const m = await app.store.getMember(list.id, a, role);
          if (m) await app.store.removeMember(m.id);
          else missing.push(a);
        }
        io.out(`removed ${addresses.length - missing.length} from ${list.address}${missing.length ? `; not found: ${missing.join(', ')}` : ''}\n`);
        if (missing.length === addresses.length) throw new CaucusError('not_found', `no such ${role}: ${missing.join(', ')}`);
      });
    members
      .command('list <list>')
      .option('--role <role>', 'member, owner or moderator', 'member')
      .option('--search <text>', 'only addresses or names containing this')
      .action(async (ref: string, opts: { role: string; search?: string }) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const ms = await app.store.listMembers(list.id, { role: oneOf<MemberRole>(MEMBER_ROLES, opts.role, 'role'), ...(opts.search ? { search: opts.search } : {}) });
        for (const m of ms) {
          const flags = [m.deliveryMode, m.deliveryEnabled ? '' : `disabled${m.disabledReason ? `(${m.disabledReason})` : ''}`, m.moderationAction ? `moderation=${m.moderationAction}` : ''].filter(Boolean).join(' ');
          io.out(`${m.displayName ? `${m.displayName} <${m.address}>` : m.address}\t${flags}\n`);
        }
      });
    members
      .command('set <list> <address> <key=value...>')
      .description('change a member: delivery=on|off mode=regular|mime_digest|plain_digest ownPosts= ack= hide= name= moderation=accept|hold|reject|discard|default')
      .action(async (ref: string, address: string, pairs: string[]) => {
        const app = await deps();
        const list = await resolveList(app.store, ref);
        const m = await app.store.getMember(list.id, address);
        if (!m) throw new CaucusError('not_found', `${address} is not a member of ${list.address}`);
        await app.store.updateMember(m.id, memberPatch(pairs));
        io.out(`updated ${address} on ${list.address}\n`);
      });
  },
};
