// Message-IDs (RFC 5322 §3.6.4): reading the id out of a field value, and the stable id given to a
// message that arrives without one, derived from its bytes so every step names it the same way.
import { createHash } from 'node:crypto';

/** The first `<id>` in a Message-ID / In-Reply-To style value, without brackets; a bare id when unbracketed. */
export function parseMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /<([^<>\s]+)>/.exec(value);
  if (m?.[1]) return m[1];
  const bare = value.trim();
  return /^[^\s<>()@]+@[^\s<>()@]+$/.test(bare) ? bare : null;
}

/**
 * A Message-ID (without brackets) for a message that has none: a hash of the raw bytes as received
 * and the site's host name, so the archive and Archived-At computed separately agree.
 */
export function stableMessageId(raw: Buffer, hostname: string): string {
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return `${hash}.caucus@${hostname}`;
}
