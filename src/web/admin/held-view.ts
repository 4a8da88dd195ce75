// What a moderator sees of a held post: the main headers, the text as text (HTML-only mail
// converted to text, never rendered), and the attachments by name, type and size. Nothing of the
// message reaches the page as markup.
import PostalMime from 'postal-mime';
import { convert } from 'html-to-text';

export interface HeldView {
  headers: Array<{ name: string; value: string }>;
  text: string;
  attachments: Array<{ filename: string; mimeType: string; size: number }>;
}

const SHOWN = ['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'x-mailer', 'user-agent'];
/** The text shown is cut here; the whole message stays in the store. */
const MAX_TEXT = 200_000;

export async function heldView(raw: Buffer): Promise<HeldView> {
  const m = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  const headers = SHOWN.flatMap((n) => m.headers.filter((h) => h.key === n).map((h) => ({ name: h.originalKey, value: h.value })));
  const text = m.text ?? (m.html ? convert(m.html, { wordwrap: 100 }) : '');
  return {
    headers,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n…` : text,
    attachments: m.attachments.map((a) => ({
      filename: a.filename ?? '(no name)',
      mimeType: a.mimeType,
      size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    })),
  };
}
