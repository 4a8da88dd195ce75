// A TXT query over UDP (RFC 1035 §4, EDNS0 per RFC 6891) that reports the answer's TTL, which
// node:dns does not expose, so DMARC, SPF and DKIM records are cached exactly as long as their
// owners say. A truncated or unreadable answer returns null and the caller asks node:dns instead.
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { DnsError, type DnsAnswer } from './dns-cache.ts';

const TYPE_TXT = 16;
const TYPE_CNAME = 5;
const TYPE_SOA = 6;
const TYPE_OPT = 41;

/** The question, with an OPT record offering 1232-octet answers (the DNS flag day 2020 size). */
export function encodeQuery(id: number, name: string): Buffer | null {
  const labels = name.replace(/\.$/, '').split('.');
  if (!/^[\x21-\x7e]+$/.test(name) || labels.some((l) => l.length === 0 || l.length > 63) || name.length > 253) return null;
  const qname = Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // RD: recursion desired
  header.writeUInt16BE(1, 4); // QDCOUNT
  header.writeUInt16BE(1, 10); // ARCOUNT: the OPT record
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(TYPE_TXT, 0);
  tail.writeUInt16BE(1, 2); // IN
  const opt = Buffer.from([0, 0, TYPE_OPT, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]); // root, OPT, 1232, TTL 0, RDLEN 0
  return Buffer.concat([header, qname, tail, opt]);
}

/** Skips a domain name (labels or a compression pointer, RFC 1035 §4.1.4) and returns the offset after it. */
function skipName(buf: Buffer, at: number): number {
  let p = at;
  for (let guard = 0; guard < 128; guard++) {
    const len = buf.readUInt8(p);
    if (len === 0) return p + 1;
    if ((len & 0xc0) === 0xc0) return p + 2;
    p += len + 1;
  }
  throw new RangeError('name too long');
}

export type ParsedAnswer = { kind: 'answer'; answer: DnsAnswer } | { kind: 'truncated' } | { kind: 'error'; code: string; ttl?: number };

/** The first question's name, lower-case, or null when it is compressed or malformed. */
function questionName(buf: Buffer): string | null {
  const labels: string[] = [];
  let p = 12;
  for (let len = buf.readUInt8(p); len !== 0; len = buf.readUInt8(p)) {
    if (len > 63 || labels.length > 127) return null;
    labels.push(buf.toString('latin1', p + 1, p + 1 + len));
    p += len + 1;
  }
  return labels.join('.').toLowerCase();
}

/** Reads a response to our question `id` about `name` (null: not one); throws RangeError when malformed. */
export function parseResponse(buf: Buffer, id: number, name: string): ParsedAnswer | null {
  if (buf.length < 12 || buf.readUInt16BE(0) !== id) return null;
  const flags = buf.readUInt16BE(2);
  if ((flags & 0x8000) === 0) return null; // not a response
  if (flags & 0x0200) return { kind: 'truncated' };
  const rcode = flags & 0x000f;
  const [qd, an, ns] = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8)];
  // RFC 5452 §9.1: an answer must echo the question asked.
  if (qd !== 1 || questionName(buf) !== name.replace(/\.$/, '').toLowerCase()) return null;
  let p = 12;
  for (let i = 0; i < qd; i++) p = skipName(buf, p) + 4;
  const records: string[][] = [];
  let ttl = Infinity;
  let negativeTtl: number | undefined;
  for (let i = 0; i < an + ns; i++) {
    p = skipName(buf, p);
    const type = buf.readUInt16BE(p);
    const rrTtl = buf.readUInt32BE(p + 4) & 0x7fffffff; // RFC 2181 §8: the top bit set means 0
    const rdlen = buf.readUInt16BE(p + 8);
    const rdata = p + 10;
    if (rdata + rdlen > buf.length) throw new RangeError('record past the end');
    if (i < an && (type === TYPE_TXT || type === TYPE_CNAME)) ttl = Math.min(ttl, rrTtl);
    if (i < an && type === TYPE_TXT) {
      const strings: string[] = [];
      for (let q = rdata; q < rdata + rdlen; ) {
        const len = buf.readUInt8(q);
        if (q + 1 + len > rdata + rdlen) throw new RangeError('string past the record');
        strings.push(buf.toString('latin1', q + 1, q + 1 + len));
        q += 1 + len;
      }
      records.push(strings);
    }
    if (i >= an && type === TYPE_SOA) {
      // RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM).
      const afterNames = skipName(buf, skipName(buf, rdata));
      negativeTtl = Math.min(rrTtl, buf.readUInt32BE(afterNames + 16));
    }
    p = rdata + rdlen;
  }
  if (rcode === 3) return { kind: 'error', code: 'ENOTFOUND', ttl: negativeTtl };
  if (rcode === 5) return { kind: 'error', code: 'EREFUSED' };
  if (rcode !== 0) return { kind: 'error', code: 'ESERVFAIL' };
  if (records.length === 0) return { kind: 'error', code: 'ENODATA', ttl: negativeTtl };
  return { kind: 'answer', answer: { records, ttl: Number.isFinite(ttl) ? ttl : 0 } };
}

/** `1.2.3.4`, `1.2.3.4:5353`, `::1` or `[::1]:5353` (the forms node:dns getServers returns). */
export function serverAddress(s: string): { host: string; port: number } | null {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) return { host: bracket[1] as string, port: Number(bracket[2] ?? 53) };
  const v4 = /^([\d.]+)(?::(\d+))?$/.exec(s);
  if (v4 && isIP(v4[1] as string) === 4) return { host: v4[1] as string, port: Number(v4[2] ?? 53) };
  return isIP(s) === 6 ? { host: s, port: 53 } : null;
}

function askOnce(server: { host: string; port: number }, name: string, timeoutMs: number): Promise<ParsedAnswer | 'timeout'> {
  return new Promise((resolve) => {
    const id = randomInt(0x10000);
    const query = encodeQuery(id, name);
    if (!query) return resolve({ kind: 'truncated' });
    const socket: Socket = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const finish = (r: ParsedAnswer | 'timeout'): void => {
      clearTimeout(timer);
      socket.close();
      resolve(r);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('error', () => finish({ kind: 'error', code: 'ECONNREFUSED' }));
    socket.on('message', (msg, rinfo) => {
      // Only the server asked may answer, with our id (RFC 5452 §9.1).
      if (rinfo.port !== server.port || rinfo.address !== server.host) return;
      try {
        const r = parseResponse(msg, id, name);
        if (r) finish(r);
      } catch {
        finish({ kind: 'truncated' });
      }
    });
    socket.send(query, server.port, server.host);
  });
}

/**
 * The TXT records of `name` with their TTL; null when this path cannot answer (truncated, a
 * name it cannot encode, unreadable replies) so the caller can ask node:dns. Throws DnsError for
 * NXDOMAIN, NODATA, SERVFAIL, REFUSED and timeouts.
 */
export async function queryTxt(name: string, servers: readonly string[], o: { timeoutMs: number; tries: number }): Promise<DnsAnswer | null> {
  const targets = servers.map(serverAddress).filter((s): s is { host: string; port: number } => s !== null);
  if (targets.length === 0) return null;
  let last: string = 'ETIMEOUT';
  for (let t = 0; t < o.tries; t++) {
    for (const server of targets) {
      const r = await askOnce(server, name, o.timeoutMs);
      if (r === 'timeout') continue;
      if (r.kind === 'truncated') return null;
      if (r.kind === 'answer') return r.answer;
      if (r.code === 'ENOTFOUND' || r.code === 'ENODATA') throw new DnsError(r.code, name, r.ttl);
      last = r.code;
    }
  }
  throw new DnsError(last, name);
}
