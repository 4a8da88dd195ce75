// Address lists (From, To, Cc, Reply-To): parsed with Nodemailer's addressparser, groups flattened and
// encoded words in display names decoded; and the reverse, one mailbox written as RFC 5322 text.
import addressparser from 'nodemailer/lib/addressparser';
import type { MailboxAddress } from '../domain/post.ts';
import { decodeEncodedWords, encodePhrase } from './encoded-words.ts';

/** Every mailbox in an unfolded address-list value; groups are flattened, names decoded. */
export function parseAddressList(value: string): MailboxAddress[] {
  let parsed: ReturnType<typeof addressparser>;
  try {
    parsed = addressparser(value, { flatten: true });
  } catch {
    return [];
  }
  const out: MailboxAddress[] = [];
  for (const entry of parsed) {
    if (!('address' in entry) || typeof entry.address !== 'string') continue;
    const address = entry.address.trim();
    if (address === '' && entry.name === '') continue;
    out.push({ name: decodeEncodedWords(entry.name ?? '').trim(), address });
  }
  return out;
}

/** One mailbox as header text: `Name <address>` with the name quoted or encoded as needed, or the bare address. */
export function formatMailbox(m: MailboxAddress, charset = 'UTF-8'): string {
  return m.name ? `${encodePhrase(m.name, charset)} <${m.address}>` : m.address;
}
