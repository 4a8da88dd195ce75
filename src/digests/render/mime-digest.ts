// The MIME digest (RFC 1153's layout carried in MIME, as Mailman sends it): a multipart/mixed with
// the masthead, the list's digest header, the table of contents, every post whole as
// message/rfc822 inside one multipart/digest (RFC 2046 §5.1.5), and the digest footer.
import { CRLF, boundaryFor, digestTitle, encodeTextBody, masthead, tableOfContents, template, toCrlf, topHeaders, type DigestIssueInput } from './parts.ts';

function textPart(boundary: string, description: string, text: string): Buffer {
  const { fields, body } = encodeTextBody(`${text}\n`);
  return Buffer.concat([Buffer.from(`--${boundary}${CRLF}${fields.join(CRLF)}${CRLF}Content-Description: ${description}${CRLF}${CRLF}`, 'utf8'), body, Buffer.from(CRLF)]);
}

export function renderMimeDigest(i: DigestIssueInput): Buffer {
  const messages = i.items.map((it) => toCrlf(it.raw));
  const seed = `${i.list.address}:${i.volume}:${i.issue}`;
  const outer = boundaryFor(`${seed}:outer`, messages);
  const inner = boundaryFor(`${seed}:inner`, messages);
  // RFC 2046 §5.2.1: message/rfc822 allows only 7bit, 8bit or binary, so 8-bit posts mark the path 8bit.
  const eightBit = messages.some((m) => m.some((b) => b > 127));
  const cte = eightBit ? ['Content-Transfer-Encoding: 8bit'] : [];
  const title = digestTitle(i);
  const header = template(i, 'header');
  const footer = template(i, 'footer');
  const chunks: Buffer[] = [
    topHeaders(i, 'mime', [`Content-Type: multipart/mixed; boundary="${outer}"`, ...cte]),
    Buffer.from(`${CRLF}This is a MIME digest: each message is attached whole.${CRLF}`),
    textPart(outer, title, masthead(i)),
  ];
  if (header) chunks.push(textPart(outer, 'Digest Header', header));
  chunks.push(textPart(outer, `Today's Topics (${i.items.length} message${i.items.length === 1 ? '' : 's'})`, tableOfContents(i)));
  chunks.push(Buffer.from(`--${outer}${CRLF}Content-Type: multipart/digest; boundary="${inner}"${CRLF}${cte.map((c) => c + CRLF).join('')}${CRLF}`));
  for (const m of messages) {
    chunks.push(Buffer.from(`--${inner}${CRLF}Content-Type: message/rfc822${CRLF}${cte.map((c) => c + CRLF).join('')}${CRLF}`), m);
  }
  chunks.push(Buffer.from(`--${inner}--${CRLF}`));
  if (footer) chunks.push(textPart(outer, 'Digest Footer', footer));
  chunks.push(Buffer.from(`--${outer}--${CRLF}`));
  return Buffer.concat(chunks);
}
