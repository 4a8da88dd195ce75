// The UDP TXT query against an in-process DNS server on a loopback port: TTLs of answers and of
// negative answers (from the SOA), CNAME chains, truncation, failures and stray packets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { DnsError } from './dns-cache.ts';
import { encodeQuery, parseResponse, queryTxt, serverAddress } from './dns-wire.ts';

const name = (n: string): Buffer => Buffer.concat([...n.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
function rr(owner: Buffer, type: number, ttl: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(ttl, 4);
  head.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([owner, head, rdata]);
}
const txt = (...strings: string[]): Buffer => Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s, 'latin1')])));
const ptr = Buffer.from([0xc0, 12]); // the question's name
function soa(minimum: number): Buffer {
  const nums = Buffer.alloc(20);
  nums.writeUInt32BE(minimum, 16);
  return Buffer.concat([name('ns.example'), name('hostmaster.example'), nums]);
}

interface Script { rcode?: number; tc?: boolean; answers?: Buffer[]; authority?: Buffer[]; wrongId?: boolean; silent?: boolean }
const scripts = new Map<string, Script>();
let server: Socket;
let port = 0;

function reply(query: Buffer, s: Script): Buffer {
  let end = 12;
  while (query[end] !== 0) end += (query[end] as number) + 1;
  const question = query.subarray(12, end + 5);
  const head = Buffer.alloc(12);
  head.writeUInt16BE(s.wrongId ? (query.readUInt16BE(0) + 1) & 0xffff : query.readUInt16BE(0), 0);
  head.writeUInt16BE(0x8180 | (s.tc ? 0x0200 : 0) | (s.rcode ?? 0), 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(s.answers?.length ?? 0, 6);
  head.writeUInt16BE(s.authority?.length ?? 0, 8);
  return Buffer.concat([head, question, ...(s.answers ?? []), ...(s.authority ?? [])]);
}

before(async () => {
  scripts.set('_dmarc.ttl.example', { answers: [rr(ptr, 16, 123, txt('v=DMARC1; ', 'p=reject'))] });
  scripts.set('_dmarc.alias.example', { answers: [rr(ptr, 5, 50, name('_dmarc.target.example')), rr(name('_dmarc.target.example'), 16, 900, txt('v=DMARC1; p=none'))] });
  scripts.set('_dmarc.missing.example', { rcode: 3, authority: [rr(name('example'), 6, 3600, soa(60))] });
  scripts.set('_dmarc.nodata.example', { authority: [rr(name('example'), 6, 30, soa(600))] });
  scripts.set('_dmarc.big.example', { tc: true });
  scripts.set('_dmarc.broken.example', { rcode: 2 });
  scripts.set('_dmarc.spoofed.example', { wrongId: true });
  scripts.set('_dmarc.slow.example', { silent: true });
  server = createSocket('udp4');
  server.on('message', (msg, rinfo) => {
    let end = 12;
    const labels: string[] = [];
    while (msg[end] !== 0) {
      labels.push(msg.toString('latin1', end + 1, end + 1 + (msg[end] as number)));
      end += (msg[end] as number) + 1;
    }
    const s = scripts.get(labels.join('.').toLowerCase());
    if (!s || s.silent) return;
    server.send(reply(msg, s), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

const ask = (n: string) => queryTxt(n, [`127.0.0.1:${port}`], { timeoutMs: 200, tries: 1 });

test('an answer comes with its TTL; several character-strings stay separate', async () => {
  assert.deepEqual(await ask('_dmarc.ttl.example'), { records: [['v=DMARC1; ', 'p=reject']], ttl: 123 });
});

test('through a CNAME the smallest TTL on the way counts', async () => {
  assert.deepEqual(await ask('_DMARC.alias.example.'), { records: [['v=DMARC1; p=none']], ttl: 50 });
});

test('NXDOMAIN and NODATA carry min(SOA TTL, MINIMUM) (RFC 2308 §5)', async () => {
  await assert.rejects(ask('_dmarc.missing.example'), (e: DnsError) => e.code === 'ENOTFOUND' && e.ttl === 60);
  await assert.rejects(ask('_dmarc.nodata.example'), (e: DnsError) => e.code === 'ENODATA' && e.ttl === 30);
});

test('truncated: null, so node:dns is asked; SERVFAIL, silence and stray answers are errors', async () => {
  assert.equal(await ask('_dmarc.big.example'), null);
  await assert.rejects(ask('_dmarc.broken.example'), (e: DnsError) => e.code === 'ESERVFAIL');
  await assert.rejects(ask('_dmarc.spoofed.example'), (e: DnsError) => e.code === 'ETIMEOUT', 'a reply with another id is ignored');
  await assert.rejects(ask('_dmarc.slow.example'), (e: DnsError) => e.code === 'ETIMEOUT');
});

test('queries, server addresses and malformed replies', () => {
  assert.equal(encodeQuery(1, 'bad..example'), null);
  assert.equal(encodeQuery(1, `${'a'.repeat(64)}.example`), null);
  assert.equal(encodeQuery(1, 'é.example'), null);
  const q = encodeQuery(0xbeef, 'x.example')!;
  assert.equal(q.readUInt16BE(0), 0xbeef);
  assert.deepEqual(serverAddress('192.0.2.1'), { host: '192.0.2.1', port: 53 });
  assert.deepEqual(serverAddress('192.0.2.1:5353'), { host: '192.0.2.1', port: 5353 });
  assert.deepEqual(serverAddress('[2001:db8::1]:5353'), { host: '2001:db8::1', port: 5353 });
  assert.deepEqual(serverAddress('2001:db8::1'), { host: '2001:db8::1', port: 53 });
  assert.equal(serverAddress('resolver.example'), null);
  const good = reply(q, { answers: [rr(ptr, 16, 5, txt('x'))] });
  assert.equal(parseResponse(good, 0xbeef, 'other.example'), null, 'another question');
  assert.throws(() => parseResponse(good.subarray(0, good.length - 2), 0xbeef, 'x.example'), RangeError);
});
