// Writes a signature header field (DKIM-Signature, ARC-Message-Signature, ARC-Seal): the tags folded
// within 78 characters, then the signature computed over the signed header data followed by this
// very field with an empty b= (RFC 6376 §3.7), and written into b=. Signing runs on libuv's thread
// pool (the callback form of crypto.sign), so copies are signed on every core.
import { createHash, sign, type KeyObject } from 'node:crypto';
import type { HeaderField, LineEnding } from '../mime/index.ts';
import { relaxedHeader } from './canonicalize.ts';

export type SigningAlgorithm = 'rsa-sha256' | 'ed25519-sha256';

export interface SigningKey {
  /** The d= domain whose `<selector>._domainkey` record publishes the public key. */
  domain: string;
  selector: string;
  algorithm: SigningAlgorithm;
  key: KeyObject;
}

const WIDTH = 78;

/** Lays tokens out on lines of at most 78 characters; `glue` is what joins tokens on one line. */
function fold(first: string, tokens: ReadonlyArray<{ text: string; glue: string }>, eol: LineEnding): string {
  const lines: string[] = [];
  let line = first;
  for (const t of tokens) {
    if (line.length + t.glue.length + t.text.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = ` ${t.text}`;
    } else {
      line += t.glue + t.text;
    }
  }
  lines.push(line);
  return lines.join(eol);
}

/** The tags as `k=v;` tokens; the h= list breaks after its colons, b= comes last and empty. */
function tagTokens(tags: ReadonlyArray<readonly [string, string]>): Array<{ text: string; glue: string }> {
  const out: Array<{ text: string; glue: string }> = [];
  for (const [k, v] of tags) {
    if (k === 'h') {
      const names = v.split(':');
      names.forEach((n, i) => out.push({ text: `${i === 0 ? 'h=' : ''}${n}${i < names.length - 1 ? ':' : ';'}`, glue: i === 0 ? ' ' : '' }));
    } else {
      out.push({ text: `${k}=${v};`, glue: ' ' });
    }
  }
  out.push({ text: 'b=', glue: ' ' });
  return out;
}

function signBytes(key: SigningKey, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (e: Error | null, sig: Buffer): void => (e ? reject(e) : resolve(sig));
    // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data; RSA hashes as part of signing.
    if (key.algorithm === 'ed25519-sha256') sign(null, createHash('sha256').update(data).digest(), key.key, done);
    else sign('sha256', data, key.key, done);
  });
}

/**
 * Signs `signedHeaders` (relaxed header fields, each ending in CRLF) plus the new field itself and
 * returns the finished field. Tags are given in order, without b=.
 */
export async function signatureField(name: string, tags: ReadonlyArray<readonly [string, string]>, signedHeaders: string, key: SigningKey, eol: LineEnding): Promise<HeaderField> {
  const unsigned = fold(`${name}:`, tagTokens(tags), eol);
  const own = relaxedHeader(unsigned).slice(0, -2);
  const b = (await signBytes(key, Buffer.from(signedHeaders + own, 'latin1'))).toString('base64');
  // FWS may fall anywhere in the b= value (RFC 6376 §3.5); it is removed before verifying.
  const room = WIDTH - (unsigned.length - unsigned.lastIndexOf('\n') - 1);
  const head = room >= 16 ? b.slice(0, room) : '';
  const rest = b.slice(head.length).match(/.{1,76}/g) ?? [];
  const raw = [`${unsigned}${head}`, ...rest].join(`${eol} `) + eol;
  return { name, key: name.toLowerCase(), raw: Buffer.from(raw, 'latin1') };
}

/**
 * The relaxed form of the fields `names` picks (RFC 6376 §5.4.2): each listing of a name takes the
 * next instance from the bottom; a listing with none left adds nothing (over-signing).
 */
export function selectedHeaders(fields: readonly HeaderField[], names: readonly string[]): string {
  const used = new Map<string, number>();
  let out = '';
  for (const name of names) {
    const key = name.toLowerCase();
    const instances = fields.filter((f) => f.key === key);
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const f = instances[instances.length - 1 - n];
    if (f) out += relaxedHeader(f.raw.toString('latin1'));
  }
  return out;
}
