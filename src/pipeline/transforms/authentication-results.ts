// Records what checking the post found in an RFC 8601 Authentication-Results field at the top of the
// header. Fields claiming our own authserv-id are removed first, whoever wrote them (RFC 8601 §5:
// a border MTA must not pass on results it did not produce under its name).
import { fieldValue, makeField } from '../../mime/index.ts';
import type { HeaderField } from '../../mime/index.ts';
import type { Transform } from './types.ts';

/** The authserv-id of an Authentication-Results value: its first token, before `;` (RFC 8601 §2.2). */
export function authservIdOf(value: string): string {
  const noComments = value.replace(/\([^()]*\)/g, ' ');
  return (noComments.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

export const authenticationResults: Transform = (msg, ctx) => {
  const ours = ctx.site.hostname.toLowerCase();
  const forged = (f: HeaderField): boolean => f.key === 'authentication-results' && authservIdOf(fieldValue(f)) === ours;
  const headers = msg.headers.filter((f) => !forged(f));
  if (!ctx.auth) return headers.length === msg.headers.length ? msg : { ...msg, headers };
  const { results } = ctx.auth;
  if (results.length === 0) return { ...msg, headers: [makeField('Authentication-Results', `${ctx.site.hostname}; none`, msg.eol), ...headers] };
  // One result per line, as receivers write them, folded at spaces within 78 characters.
  const lines = [`Authentication-Results: ${ctx.site.hostname};`];
  results.forEach((row, i) => {
    let line = '';
    for (const token of `${row}${i < results.length - 1 ? ';' : ''}`.split(/[ \t\r\n]+/).filter((t) => t !== '')) {
      if (line !== '' && line.length + 1 + token.length > 78) {
        lines.push(line);
        line = '';
      }
      line += ` ${token}`;
    }
    lines.push(line);
  });
  const field: HeaderField = { name: 'Authentication-Results', key: 'authentication-results', raw: Buffer.from(lines.join(msg.eol) + msg.eol, 'utf8') };
  return { ...msg, headers: [field, ...headers] };
};
