// Authentication of incoming mail (message_auth, migration 5): the SMTP client SPF is judged for,
// and the results found. The results are JSON read back through a zod schema.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthSummary, SmtpClient } from '../../domain/authentication.ts';
import { DMARC_POLICIES } from '../../domain/authentication.ts';
import type { DB } from './schema.ts';

const Summary = z.object({
  authservId: z.string(),
  results: z.array(z.string()),
  dkim: z.array(z.object({ result: z.string(), domain: z.string(), aligned: z.boolean() })),
  spf: z.object({ result: z.string(), domain: z.string().nullable() }).nullable(),
  dmarc: z.object({ result: z.string(), policy: z.enum(DMARC_POLICIES).nullable(), domain: z.string().nullable() }),
  arc: z.object({ result: z.string() }),
});

export async function recordSmtpClient(db: Kysely<DB>, messageId: number, c: SmtpClient): Promise<void> {
  const values = { client_protocol: c.protocol, client_ip: c.ip, client_helo: c.helo?.slice(0, 255) ?? null };
  await db.insertInto('message_auth').values({ message_id: messageId, ...values }).onConflict((oc) => oc.column('message_id').doUpdateSet(values)).execute();
}

export async function getSmtpClient(db: Kysely<DB>, messageId: number): Promise<SmtpClient | null> {
  const r = await db.selectFrom('message_auth').select(['client_protocol', 'client_ip', 'client_helo']).where('message_id', '=', messageId).executeTakeFirst();
  if (!r || !r.client_ip || (r.client_protocol !== 'smtp' && r.client_protocol !== 'lmtp')) return null;
  return { protocol: r.client_protocol, ip: r.client_ip, helo: r.client_helo };
}

export async function saveAuthResults(db: Kysely<DB>, messageId: number, s: AuthSummary): Promise<void> {
  const auth_results = JSON.stringify(s);
  await db.insertInto('message_auth').values({ message_id: messageId, auth_results }).onConflict((oc) => oc.column('message_id').doUpdateSet({ auth_results })).execute();
}

export async function getAuthResults(db: Kysely<DB>, messageId: number): Promise<AuthSummary | null> {
  const r = await db.selectFrom('message_auth').select('auth_results').where('message_id', '=', messageId).executeTakeFirst();
  if (!r?.auth_results) return null;
  try {
    const parsed = Summary.safeParse(JSON.parse(r.auth_results));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
