// Table and column types as Kysely sees them (snake_case, mapped to domain types in rows.ts).
// Times are integer milliseconds since the epoch; booleans are 0/1 integers on both dialects.
import type { Generated } from 'kysely';

export interface SiteKvTable { key: string; value: string }

export interface ListsTable {
  id: Generated<number>;
  name: string;
  domain: string;
  address: string;
  settings: string;
  post_seq: Generated<number>;
  created_at: number;
}

export interface MembersTable {
  id: Generated<number>;
  list_id: number;
  address: string;
  address_key: string;
  display_name: string;
  role: string;
  delivery_mode: string;
  delivery_enabled: number;
  disabled_reason: string | null;
  receive_own_posts: number;
  acknowledge_posts: number;
  hide_from_roster: number;
  moderation_action: string | null;
  unsubscribe_token: string;
  created_at: number;
}

export interface MessagesTable {
  id: Generated<number>;
  list_id: number | null;
  kind: string;
  role: string | null;
  detail: string | null;
  state: string;
  envelope_from: string | null;
  message_id: string | null;
  subject: string | null;
  from_address: string | null;
  size: number;
  raw: Buffer;
  codec: string;
  hits: string;
  state_reason: string | null;
  hold_expires_at: number | null;
  received_at: number;
  source_id: number | null;
  sequence: number | null;
}

/** Authentication of an incoming message (migration 5): its SMTP client and the results found. */
export interface MessageAuthTable {
  message_id: number;
  client_protocol: string | null;
  client_ip: string | null;
  client_helo: string | null;
  auth_results: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: string;
  state: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface PendingTable {
  token: string;
  list_id: number;
  kind: string;
  address: string;
  data: string;
  created_at: number;
  expires_at: number;
}

export interface RateEventsTable { id: Generated<number>; key: string; at: number }

export interface DeliveryFailuresTable {
  id: Generated<number>;
  list_id: number;
  post_id: number;
  recipient: string;
  code: number | null;
  enhanced: string | null;
  response: string;
  permanent: number;
  at: number;
  /** 1 once bounce processing has scored the failure (migration 003). */
  bounce_scored: Generated<number>;
}

// ---- bounces and digests (migration 003) ----
export interface BounceInfoTable {
  member_id: number;
  list_id: number;
  score: number;
  last_bounce_at: number | null;
  disabled_at: number | null;
  warnings_sent: number;
  last_warning_at: number | null;
  probe_token: string | null;
  probe_sent_at: number | null;
}

export interface BounceEventsTable {
  id: Generated<number>;
  list_id: number;
  member_id: number | null;
  address: string;
  at: number;
  source: string;
  kind: string;
  reason: string | null;
  permanent: number | null;
  weight: number;
  outcome: string;
  message_id: number | null;
  detail: string;
}

export interface DigestStateTable { list_id: number; volume: number; next_issue: number; last_sent_at: number | null }

export interface DigestEntriesTable { id: Generated<number>; list_id: number; post_id: number; size: number; added_at: number }

export interface DigestIssuesTable {
  id: Generated<number>;
  list_id: number;
  volume: number;
  issue: number;
  created_at: number;
  entry_count: number;
  mime: Buffer;
  mime_codec: string;
  plain: Buffer;
  plain_codec: string;
}

export interface WebAccountsTable {
  id: Generated<number>;
  address: string;
  address_key: string;
  password_hash: string | null;
  site_admin: number;
  created_at: number;
  password_set_at: number | null;
}

export interface WebSessionsTable {
  id_hash: string;
  address: string;
  address_key: string;
  method: string;
  created_at: number;
  expires_at: number;
}

export interface WebLinksTable {
  token_hash: string;
  address: string;
  purpose: string;
  data: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  list_id: number | null;
  created_at: number;
  last_used_at: number | null;
}

export interface SchemaMigrationsTable { version: number; name: string; applied_at: number }

export interface DB {
  site_kv: SiteKvTable;
  lists: ListsTable;
  members: MembersTable;
  messages: MessagesTable;
  message_auth: MessageAuthTable;
  jobs: JobsTable;
  pending: PendingTable;
  rate_events: RateEventsTable;
  delivery_failures: DeliveryFailuresTable;
  schema_migrations: SchemaMigrationsTable;
  bounce_info: BounceInfoTable;
  bounce_events: BounceEventsTable;
  digest_state: DigestStateTable;
  digest_entries: DigestEntriesTable;
  digest_issues: DigestIssuesTable;
  web_accounts: WebAccountsTable;
  web_sessions: WebSessionsTable;
  web_links: WebLinksTable;
  api_tokens: ApiTokensTable;
  archive_lists: ArchiveListsTable;
  archive_messages: ArchiveMessagesTable;
  archive_ghosts: ArchiveGhostsTable;
}

/** The archive (migration 2): numbering per list, one overview row per archived message, ghosts. */
export interface ArchiveListsTable { list_id: number; next_number: number }

export interface ArchiveMessagesTable {
  id: Generated<number>;
  list_id: number;
  number: number;
  raw_id: number;
  sha256: string;
  from_line: string | null;
  hidden: number;
  bad_reason: string | null;
  message_id: string;
  synthetic_id: number;
  duplicate: number;
  subject: string;
  base_subject: string;
  author_name: string;
  author_address: string;
  date: number;
  date_source: string;
  date_suspect: number;
  month: string;
  in_reply_to: string | null;
  refs: string;
  is_reply: number;
  thread_id: string | null;
  parent_id: string | null;
  link: string;
  inferred: number;
  size: number;
  attachment_count: number;
  attachment_names: string;
  thread_data: string | null;
}

export interface ArchiveGhostsTable { list_id: number; message_id: string; thread_id: string; parent_id: string | null; link: string }
