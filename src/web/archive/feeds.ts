// Downloads and feeds: mbox.gz of a month, thread or search (mboxrd, addresses hidden per list
// as on the pages), Pipermail's YYYY-Month.txt.gz, and Atom (RFC 4287) feeds.
import { gzipSync } from 'node:zlib';
import type { ArchiveSummary, Store } from '../../store/types.ts';
import { formatMboxrd } from '../../archive/index.ts';
import { obfuscate, type Obfuscation } from './obfuscate.ts';
import { escapeHtml } from './body-html.ts';
import { authorOf, subjectOf } from './pages.tsx';

/** Entries as one gzipped mboxrd file; latin1 keeps every byte while addresses are rewritten. */
export async function mboxGz(store: Store, entries: readonly ArchiveSummary[], mode: Obfuscation): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const raw = await store.getRaw(e.rawId);
    if (!raw) continue;
    const shown = mode === 'none' ? raw : Buffer.from(obfuscate(raw.toString('latin1'), mode), 'latin1');
    parts.push(formatMboxrd({ raw: shown, sender: mode === 'none' ? e.authorAddress : obfuscate(e.authorAddress, mode).replace(/ /g, ''), date: e.date }));
  }
  return gzipSync(Buffer.concat(parts));
}

/** An RFC 4287 feed; `mode` hides addresses per list (a function when entries come from several lists). */
export function atomFeed(opts: { title: string; selfUrl: string; entries: readonly ArchiveSummary[]; linkOf: (e: ArchiveSummary) => string; mode: Obfuscation | ((e: ArchiveSummary) => Obfuscation); updated: Date }): string {
  const x = escapeHtml;
  const modeOf = typeof opts.mode === 'function' ? opts.mode : (): Obfuscation => opts.mode as Obfuscation;
  const items = opts.entries.map((e) => `<entry><title>${x(subjectOf(e, modeOf(e)))}</title><link href="${x(opts.linkOf(e))}"/><id>${x(opts.linkOf(e))}</id>`
    + `<updated>${e.date.toISOString()}</updated><author><name>${x(authorOf(e, modeOf(e)))}</name></author></entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${x(opts.title)}</title><link rel="self" href="${x(opts.selfUrl)}"/>`
    + `<id>${x(opts.selfUrl)}</id><updated>${opts.updated.toISOString()}</updated>\n${items}\n</feed>\n`;
}
