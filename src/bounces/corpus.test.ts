// The bounce parser against real bounces: Mailman 2.1's own bouncer expectations (exact address
// sets, scored as the CI smoke script does) and sisimai's classified set (hard/soft split, and how
// often a failed address is found). Prints the figures; asserts the agreed floors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { corpusPath, needsCorpus } from '../../test/harness/corpus.ts';
import { parseBounce } from './index.ts';
import type { BounceResult } from './index.ts';

interface MailmanExpectation {
  addresses: Set<string>;
  stop: boolean;
}

function mailmanExpectations(): Map<string, MailmanExpectation> {
  const out = new Map<string, MailmanExpectation>();
  for (const line of readFileSync(corpusPath('mailman2-bounces', 'expected.tsv'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [file = '', , want = ''] = line.split('\t');
    const e = out.get(file) ?? { addresses: new Set<string>(), stop: false };
    out.set(file, e);
    if (want.trim().toUpperCase() === 'STOP') e.stop = true;
    else for (const a of want.split(',')) if (a.trim()) e.addresses.add(a.trim().toLowerCase());
  }
  return out;
}

/** Per file: the union of the expected addresses, as an exact set; STOP = a warning that must not count. */
function mailmanAgrees(e: MailmanExpectation, r: BounceResult): boolean {
  const got = new Set(r.addresses.map((a) => a.toLowerCase()));
  if (e.addresses.size > 0) return got.size === e.addresses.size && [...got].every((a) => e.addresses.has(a));
  if (e.stop) return got.size === 0 || r.permanent === false || r.kind === 'warning' || r.kind === 'delay';
  return got.size === 0;
}

test('Mailman 2.1 bounce corpus: at least 95% of files give exactly the expected addresses', needsCorpus, (t) => {
  let ok = 0;
  let total = 0;
  const misses: string[] = [];
  for (const [file, e] of [...mailmanExpectations()].sort()) {
    const path = corpusPath('mailman2-bounces', 'bounces', file);
    if (!existsSync(path)) continue;
    total++;
    if (mailmanAgrees(e, parseBounce(readFileSync(path)))) ok++;
    else misses.push(file);
  }
  t.diagnostic(`mailman2_bounces_exact=${((100 * ok) / total).toFixed(1)}% (${ok}/${total}) missed: ${misses.join(' ') || 'none'}`);
  assert.ok(total > 90, `only ${total} files found`);
  assert.ok(ok / total >= 0.95, `${ok}/${total} exact`);
});

interface SisimaiRow {
  status: string;
  reason: string;
  hard: boolean;
}

function sisimaiRows(): Map<string, SisimaiRow[]> {
  const out = new Map<string, SisimaiRow[]>();
  for (const line of readFileSync(corpusPath('sisimai-bounces', 'expected.tsv'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [file = '', , status = '', , reason = '', hard = ''] = line.split('\t');
    const rows = out.get(file) ?? [];
    rows.push({ status, reason, hard: hard === 'true' });
    out.set(file, rows);
  }
  return out;
}

test('sisimai corpus: hard/soft split at least 90% right; failed addresses found', needsCorpus, (t) => {
  let rowsRight = 0;
  let rowsTotal = 0;
  let needAddress = 0;
  let foundAddress = 0;
  const noAddress: string[] = [];
  for (const [file, rows] of sisimaiRows()) {
    const path = corpusPath('sisimai-bounces', 'maildir', 'bsd', file);
    if (!existsSync(path)) continue;
    const r = parseBounce(readFileSync(path));
    // Row i is sisimai's i-th record for the file; compare it with our i-th recipient when there is one.
    rows.forEach((row, i) => {
      rowsTotal++;
      const permanent = r.recipients[i]?.permanent ?? r.permanent;
      if ((permanent === true) === row.hard) rowsRight++;
    });
    if (rows.some((row) => row.hard || row.status.startsWith('5'))) {
      needAddress++;
      if (r.addresses.length > 0) foundAddress++;
      else noAddress.push(`${file}(${r.kind})`);
    }
  }
  t.diagnostic(`sisimai_hard_soft=${((100 * rowsRight) / rowsTotal).toFixed(1)}% (${rowsRight}/${rowsTotal} records)`);
  t.diagnostic(`sisimai_address_found=${((100 * foundAddress) / needAddress).toFixed(1)}% (${foundAddress}/${needAddress} files with a 5.x.x or hard record) none in: ${noAddress.join(' ')}`);
  assert.ok(rowsTotal > 600, `only ${rowsTotal} records read`);
  assert.ok(rowsRight / rowsTotal >= 0.9, `${rowsRight}/${rowsTotal} hard/soft right`);
  assert.ok(foundAddress / needAddress >= 0.95, `${foundAddress}/${needAddress} with an address`);
});

test('sisimai corpus: messages that are not bounces never yield a permanent failure', needsCorpus, () => {
  const dir = corpusPath('sisimai-bounces', 'maildir', 'not');
  for (const file of readdirSync(dir)) {
    const r = parseBounce(readFileSync(`${dir}/${file}`));
    assert.notEqual(r.permanent, true, file);
    if (file.startsWith('is-not-bounce')) assert.equal(r.kind, 'not-a-bounce', file);
  }
});

test('every message in the bounce corpora parses without an exception', needsCorpus, () => {
  const dirs = [
    corpusPath('sisimai-bounces', 'maildir', 'bsd'),
    corpusPath('sisimai-bounces', 'mailbox'),
    corpusPath('mailman2-bounces', 'bounces'),
    corpusPath('mailman2-bounces', 'msgs'),
  ];
  let n = 0;
  for (const dir of dirs) {
    for (const file of readdirSync(dir)) {
      const r = parseBounce(readFileSync(`${dir}/${file}`));
      assert.equal(typeof r.kind, 'string');
      n++;
    }
  }
  assert.ok(n > 700);
});
