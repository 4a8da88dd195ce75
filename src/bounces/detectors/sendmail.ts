// Sendmail's plain-text report (v8 without a DSN part, and v5): a "----- The following addresses
// had permanent fatal errors -----" section listing the addresses, then "----- Transcript of session
// follows -----" with the SMTP replies ("550 5.1.1 <user@host>... User unknown"). Transient errors
// only mean a warning. The same layout is used by several Sendmail-derived MTAs.
import { cleanAddress, findAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const FATAL = /^\s*-{2,}\s*The following addresses? had (?:permanent fatal|delivery) errors\s*-{2,}/i;
const TRANSIENT = /^\s*-{2,}\s*The following addresses? had transient non-fatal errors\s*-{2,}/i;
const TRANSCRIPT = /^\s*-{2,}\s*Transcript of session follows\s*-{2,}/i;
const SECTION_END = /^\s*-{2,}/;
const REPLY_WITH_ADDRESS = /^(?:<<<\s*)?([45]\d\d)[ -]+(?:([45]\.\d{1,3}\.\d{1,3})\s+)?<?([^\s<>]+@[^\s<>]+?)>?\.{3}\s*(.*)$/;
const RCPT = /^>>>\s*RCPT\s+TO:\s*<([^>]+)>/i;
const REPLY = /^(?:<<<\s*)?[45]\d\d[ -]/;

function unquoted(lines: readonly string[]): string[] {
  const quoted = lines.filter((l) => /^>/.test(l)).length > lines.length / 2;
  return quoted ? lines.map((l) => l.replace(/^> ?/, '')) : [...lines];
}

interface Transcript {
  byAddress: Map<string, string>;
  failed: string[];
  replies: string[];
}

function readTranscript(lines: readonly string[], from: number): Transcript {
  const byAddress = new Map<string, string>();
  const failed: string[] = [];
  const replies: string[] = [];
  let rcpt: string | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (SECTION_END.test(line)) break;
    const rc = RCPT.exec(line);
    if (rc) {
      rcpt = cleanAddress(rc[1] ?? '');
      continue;
    }
    const m = REPLY_WITH_ADDRESS.exec(line);
    const address = m ? cleanAddress(m[3] ?? '') : null;
    if (m && address) {
      byAddress.set(address.toLowerCase(), line.replace(/^<<<\s*/, ''));
      if (m[1]?.startsWith('5') && !line.startsWith('<<<')) failed.push(address);
    } else if (REPLY.test(line)) {
      replies.push(line.replace(/^<<<\s*/, ''));
      if (rcpt && !byAddress.has(rcpt.toLowerCase())) byAddress.set(rcpt.toLowerCase(), line.replace(/^<<<\s*/, ''));
    }
  }
  return { byAddress, failed, replies };
}

function readAddressSection(lines: readonly string[], from: number): FoundRecipient[] {
  const found: FoundRecipient[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (SECTION_END.test(line) || (line.trim() === '' && found.length > 0 && (lines[i + 1] ?? '').trim() === '')) break;
    const reason = /\(reason:\s*(.*?)\)?\s*$/i.exec(line);
    const last = found[found.length - 1];
    if (reason && last) {
      last.diagnostic = reason[1] ?? '';
      continue;
    }
    if (!/^\s*(?:>>>\s*|\(expanded from:\s*)?<?[^\s<>]+@/i.test(line)) continue;
    const address = findAddress(line.replace(/^\s*>>>\s*/, ''));
    if (!address || found.some((f) => f.address === address)) continue;
    const note = /\[([^\]]+)\]\s*$/.exec(line);
    found.push(note?.[1] ? { address, diagnostic: note[1] } : { address });
  }
  return found;
}

export const sendmail: Detector = {
  id: 'sendmail',
  detect(ctx: BounceContext): Detection | null {
    const lines = unquoted(ctx.noticeLines);
    const fatalAt = lines.findIndex((l) => FATAL.test(l));
    const transcriptAt = lines.findIndex((l) => TRANSCRIPT.test(l));
    const transcript = transcriptAt >= 0 ? readTranscript(lines, transcriptAt + 1) : null;
    let found = fatalAt >= 0 ? readAddressSection(lines, fatalAt + 1) : [];
    if (found.length === 0 && transcript) found = transcript.failed.map((address) => ({ address }));
    if (found.length === 0) {
      const transientAt = lines.findIndex((l) => TRANSIENT.test(l));
      if (transientAt >= 0) return { kind: 'warning', recipients: readAddressSection(lines, transientAt + 1) };
      return null;
    }
    for (const f of found) {
      const said = transcript?.byAddress.get(f.address.toLowerCase());
      if (said) f.diagnostic = f.diagnostic ? `${f.diagnostic} ${said}` : said;
      else if (!f.diagnostic && found.length === 1 && transcript && transcript.replies.length > 0) f.diagnostic = transcript.replies.join(' ');
    }
    return { kind: 'failure', recipients: found };
  },
};
