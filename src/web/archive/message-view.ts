// Opens one archived message for display: its text (an HTML-only message becomes text, so
// nothing from it runs or loads in our origin) and its attachments, by postal-mime.
import PostalMime from 'postal-mime';
import { convert } from 'html-to-text';

export interface ViewAttachment { name: string; type: string; content: Buffer }
export interface MessageView { text: string; fromHtml: boolean; attachments: ViewAttachment[] }

const asBuffer = (c: ArrayBuffer | Uint8Array | string): Buffer =>
  typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? Buffer.from(c.buffer, c.byteOffset, c.byteLength) : Buffer.from(c);

export async function viewMessage(raw: Buffer): Promise<MessageView> {
  const email = await PostalMime.parse(raw);
  const fromHtml = !email.text && !!email.html;
  const text = email.text ?? (email.html ? convert(email.html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { hideLinkHrefIfSameAsText: true } }] }) : '');
  const attachments = email.attachments.map((a, i) => ({ name: a.filename || `attachment-${i + 1}`, type: a.mimeType || 'application/octet-stream', content: asBuffer(a.content) }));
  return { text, fromHtml, attachments };
}
