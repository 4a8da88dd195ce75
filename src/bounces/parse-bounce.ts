// parseBounce: raw message in, verdict out. Tries the detectors in order, then classifies each
// failed recipient (reason, permanence) from its status and wording. Pure and total: garbage in
// gives a 'not-a-bounce' or 'unknown' result, never an exception.
import { buildContext, type BounceContext } from './message/bounce-context.ts';
import { detectors } from './detectors/index.ts';
import type { Detection, FoundRecipient } from './detectors/index.ts';
import { classifyFailure } from './classify/classify-recipient.ts';
import { reasonOfText } from './classify/reason-patterns.ts';
import { findStatus } from './classify/status-codes.ts';
import { findAddress, uniqueAddresses } from './message/addresses.ts';
import { noticeText } from './notice-text.ts';
import { looksLikeBounce } from './message/bounce-signs.ts';
import type { BounceRecipient, BounceResult } from './types.ts';

const MAX_DIAGNOSTIC = 500;

function dsnFor(ctx: BounceContext, address: string): { status?: string; diagnostic?: string } {
  const lower = address.toLowerCase();
  for (const report of ctx.dsn) {
    for (const r of report.recipients) {
      const names = [r.address, r.finalRecipient, r.originalRecipient].map((a) => (a ?? '').toLowerCase());
      if (!names.includes(lower)) continue;
      const out: { status?: string; diagnostic?: string } = {};
      if (r.status) out.status = r.status;
      if (r.diagnostic) out.diagnostic = r.diagnostic.replace(/^\s*smtp\s*;\s*/i, '');
      return out;
    }
  }
  return {};
}

/**
 * For formats that list addresses without reasons: the report's own line naming the address and
 * the lines after it, up to a blank line (how free-text reports put the reason under the address).
 */
function textNear(context: string, address: string): string {
  const lines = context.split('\n');
  const lower = address.toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] ?? '').toLowerCase().includes(lower)) continue;
    const out = [(lines[i] ?? '').trim()];
    for (let j = i + 1; j <= i + 3; j++) {
      const next = (lines[j] ?? '').trim();
      // A blank line or another recipient's address ends this recipient's paragraph.
      const other = next.includes('@') ? findAddress(next) : null;
      if (next === '' || (other !== null && other.toLowerCase() !== lower)) break;
      out.push(next);
    }
    const text = out.join(' ');
    if (text.length > address.length + 12) return text;
  }
  return '';
}

function recipientsOf(ctx: BounceContext, d: Detection, context: string): BounceRecipient[] {
  const seen = new Set<string>();
  const out: BounceRecipient[] = [];
  for (const f of d.recipients) {
    const key = f.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(classifyOne(ctx, d, f, context, d.recipients.length === 1));
  }
  return out;
}

function classifyOne(ctx: BounceContext, d: Detection, f: FoundRecipient, context: string, only: boolean): BounceRecipient {
  const fromDsn = dsnFor(ctx, f.address);
  const status = f.status ?? fromDsn.status;
  const diagnostic = (f.diagnostic || fromDsn.diagnostic || '').replace(/\s+/g, ' ').trim().slice(0, MAX_DIAGNOSTIC);
  const base: BounceRecipient = { address: f.address, permanent: false, reason: 'delayed' };
  if (d.kind === 'warning' || d.kind === 'delay') {
    const s = status ?? findStatus(diagnostic);
    return { ...base, ...(s ? { status: s } : {}), ...(diagnostic ? { diagnostic } : {}) };
  }
  if (d.kind === 'not-a-bounce') return { ...base, reason: d.reason };
  // Without a reason of its own, a recipient is judged by the text around its address, or by the
  // whole report when it is the only recipient.
  const near = diagnostic === '' ? textNear(context, f.address) : '';
  const evidence = only ? `${near}\n${context}`.trim() : near;
  const c = classifyFailure({
    ...(status ? { status } : {}),
    ...(diagnostic ? { diagnostic } : {}),
    ...(evidence ? { context: evidence } : {}),
    ...(context ? { transcript: context } : {}),
    ...(d.kind === 'failure' && d.reason ? { hint: d.reason } : {}),
  });
  return {
    address: f.address,
    permanent: c.permanent,
    reason: c.reason,
    ...(c.status ? { status: c.status } : {}),
    ...(diagnostic || near ? { diagnostic: diagnostic || near.slice(0, MAX_DIAGNOSTIC) } : {}),
  };
}

function aggregate(recipients: BounceRecipient[]): boolean | null {
  if (recipients.some((r) => r.permanent === true)) return true;
  if (recipients.length > 0 && recipients.every((r) => r.permanent === false)) return false;
  return null;
}

function resultOf(ctx: BounceContext, d: Detection, detector: string): BounceResult {
  const context = noticeText(ctx);
  const recipients = recipientsOf(ctx, d, context);
  const lead = recipients.find((r) => r.permanent === true) ?? recipients[0];
  const isFailure = d.kind === 'failure';
  const result: BounceResult = {
    addresses: isFailure ? uniqueAddresses(recipients.map((r) => r.address)) : [],
    permanent: isFailure ? aggregate(recipients) : false,
    kind: d.kind,
    reason: d.kind === 'not-a-bounce' ? d.reason : (lead?.reason ?? (isFailure ? 'other' : 'delayed')),
    detector,
    // Delayed recipients are listed for information; only failures fill `addresses`.
    recipients: d.kind === 'not-a-bounce' ? [] : recipients,
  };
  if (lead?.status) result.status = lead.status;
  if (lead?.diagnostic) result.diagnostic = lead.diagnostic;
  return result;
}

export function parseBounce(raw: Buffer): BounceResult {
  let ctx: BounceContext;
  try {
    ctx = buildContext(raw);
  } catch {
    // The reader is lenient by design; this only guards the promise that nothing throws.
    return { addresses: [], permanent: null, kind: 'unknown', reason: null, recipients: [] };
  }
  for (const detector of detectors) {
    let d: Detection | null = null;
    try {
      d = detector.detect(ctx);
    } catch {
      d = null;
    }
    if (d) return resultOf(ctx, d, detector.id);
  }
  if (!looksLikeBounce(ctx)) return { addresses: [], permanent: null, kind: 'not-a-bounce', reason: null, recipients: [] };
  const text = noticeText(ctx);
  const status = findStatus(text);
  return {
    addresses: [],
    permanent: null,
    kind: 'unknown',
    reason: reasonOfText(text)?.reason ?? null,
    ...(status ? { status } : {}),
    recipients: [],
  };
}
