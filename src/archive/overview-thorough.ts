// The slow path of overview extraction: when the fast path met a MIME structure it could not
// follow (broken boundaries, TNEF, limits), a complete parser (postal-mime) supplies the text and
// the attachment list; every other field comes from the fast path unchanged.
import PostalMime, { type Email } from 'postal-mime';
import { extractOverview, overviewFingerprint, type ArchiveOverview, type OverviewContext } from './overview.ts';
import { htmlToPlainText } from './parse/html-text.ts';
import { splitBody } from './quotes/body-split.ts';

/** Like extractOverview, but hands incomplete messages to a full MIME parser. */
export async function extractOverviewThorough(raw: Buffer, ctx: OverviewContext): Promise<ArchiveOverview> {
  const fast = extractOverview(raw, ctx);
  if (fast.complete) return fast;
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch {
    return fast;
  }
  const text = email.text ?? (email.html ? htmlToPlainText(email.html) : '');
  const body = splitBody(text.length > (ctx.maxTextBytes ?? 1 << 20) ? text.slice(0, ctx.maxTextBytes ?? 1 << 20) : text);
  const names = email.attachments.map((a) => a.filename ?? '');
  return {
    ...fast,
    text: body.text,
    quotes: body.quotes,
    attribution: body.attribution,
    fingerprint: overviewFingerprint(body.text),
    attachmentCount: names.length,
    attachmentNames: names.filter((n) => n !== ''),
    complete: true,
  };
}
