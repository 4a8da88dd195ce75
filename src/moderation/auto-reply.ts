// Whether Caucus may answer a message automatically. RFC 3834 §2: never answer auto-submitted mail,
// bulk/list/junk precedence, or mail with an empty (null) envelope sender, so that two robots never
// bounce mail between them.
import type { HeaderValue } from '../domain/post.ts';

export function mayAutoReply(headers: readonly HeaderValue[], envelopeFrom: string | null): boolean {
  if (envelopeFrom !== null && (envelopeFrom === '' || /^(mailer-daemon|postmaster)@/i.test(envelopeFrom))) return false;
  for (const h of headers) {
    const name = h.name.toLowerCase();
    const v = h.value.trim().toLowerCase();
    if (name === 'auto-submitted' && v !== '' && v !== 'no') return false;
    if (name === 'precedence' && /^(bulk|list|junk)$/.test(v)) return false;
    if (name === 'x-auto-response-suppress' && /\b(all|autoreply)\b/.test(v)) return false;
    if (name === 'list-id' || name === 'x-beenthere') return false;
  }
  return true;
}
