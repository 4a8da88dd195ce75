// Amazon SES event notifications, delivered by mail through SNS: a JSON document whose
// notificationType is Bounce (bouncedRecipients with action, status, diagnosticCode), Complaint
// or Delivery.
import { cleanAddress } from '../message/addresses.ts';
import type { Detection, Detector, FoundRecipient } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const MAX_JSON = 512 * 1024;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    return record(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The SES document, unwrapped from its SNS envelope when it comes in one. */
function parseNotice(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  if (start < 0 || !/notificationType|eventType/.test(text)) return null;
  const end = text.lastIndexOf('}');
  if (end <= start || end - start > MAX_JSON) return null;
  // Long lines arrive split by relays (RFC 5321 §4.5.3.1.6 limits them), sometimes with a "!"
  // marking the cut; JSON holds no raw newline inside a string, so every newline can go.
  const doc = parseJson(text.slice(start, end + 1).replace(/!?\n[ \t]?/g, ''));
  const inner = str(doc?.['Message']);
  return inner ? parseJson(inner) : doc;
}

export const amazonSes: Detector = {
  id: 'amazon-ses',
  detect(ctx: BounceContext): Detection | null {
    const doc = parseNotice(ctx.noticeLines.join('\n'));
    if (!doc) return null;
    const type = str(doc['notificationType']) ?? str(doc['eventType']);
    if (type === 'Complaint') return { kind: 'not-a-bounce', reason: 'feedback', recipients: [] };
    if (type === 'Delivery') return { kind: 'not-a-bounce', reason: 'delivered', recipients: [] };
    const bounce = record(doc['bounce']);
    if (type !== 'Bounce' || !bounce) return null;
    const list = Array.isArray(bounce['bouncedRecipients']) ? bounce['bouncedRecipients'] : [];
    const found: FoundRecipient[] = [];
    for (const item of list) {
      const r = record(item);
      const address = cleanAddress(str(r?.['emailAddress']) ?? '');
      if (!r || !address) continue;
      const f: FoundRecipient = { address };
      const status = str(r['status']);
      const diagnostic = str(r['diagnosticCode']);
      if (status) f.status = status;
      if (diagnostic) f.diagnostic = diagnostic.replace(/^\s*smtp\s*;\s*/i, '');
      found.push(f);
    }
    return found.length > 0 ? { kind: 'failure', recipients: found } : null;
  },
};
