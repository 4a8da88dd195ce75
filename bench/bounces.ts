// Bounce parsing speed: every message of the sisimai corpus (maildir/bsd), read into memory first,
// parsed in rounds. Prints bounces/s and the mean time per message.
//
//   node --import tsx bench/bounces.ts [--rounds 5]
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { corpusPath, hasCorpus } from '../test/harness/corpus.ts';
import { parseBounce } from '../src/bounces/index.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Math.max(1, Number(values.rounds) || 5);

if (!hasCorpus) {
  process.stdout.write('bounces: corpus not found, nothing to measure\n');
} else {
  const dir = corpusPath('sisimai-bounces', 'maildir', 'bsd');
  const messages = readdirSync(dir).map((f) => readFileSync(`${dir}/${f}`));
  const bytes = messages.reduce((n, m) => n + m.length, 0);
  for (const m of messages) parseBounce(m); // warm-up: JIT and lazy module work
  let failures = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const m of messages) if (parseBounce(m).kind === 'failure') failures++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const parsed = messages.length * rounds;
  process.stdout.write(
    `bounces: ${messages.length} messages (${(bytes / 1024).toFixed(0)} KiB) x ${rounds} rounds in ${seconds.toFixed(2)} s\n` +
      `bounces: ${(parsed / seconds).toFixed(0)} bounces/s, ${((1000 * seconds) / parsed).toFixed(2)} ms/bounce, ${failures / rounds} failures per round\n`,
  );
}
