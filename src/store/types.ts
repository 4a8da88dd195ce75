// The Store interface: everything the features may ask of the database. One Kysely implementation
// serves SQLite and PostgreSQL (store/kysely), and one shared test suite holds both to it.
import type { AuthSummary, SmtpClient } from '../domain/authentication.ts';
import type { DeliveryMode, MailingList, Member, MemberRole } from '../domain/list.ts';
import type { ListSettings, ModerationAction } from '../domain/list-settings.ts';
import type { AddressRole } from '../domain/roles.ts';
import type { RuleHit } from '../domain/verdict.ts';

// ---- jobs -----------------------------------------------------------------------------------
export const QUEUES = ['incoming', 'deliver', 'notify', 'archive', 'archive-pages', 'maintenance', 'digest'] as const;
export type QueueName = (typeof QUEUES)[number];
export type JobState = 'pending' | 'running' | 'done' | 'dead';

export interface Job {
  id: number;
  queue: QueueName;
  /** JSON text; each handler parses it with its own zod schema. */
  payload: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
}

export interface NewJob {
  queue: QueueName;
  payload: unknown;
  runAt?: Date;
  maxAttempts?: number;
}

// ---- messages -------------------------------------------------------------------------------
export type MessageKind = 'incoming' | 'post';
export type MessageState = 'received' | 'accepted' | 'held' | 'rejected' | 'discarded' | 'processed' | 'failed';

export interface StoredMessage {
  id: number;
  listId: number | null;
  kind: MessageKind;
  role: AddressRole | null;
  detail: string | null;
  state: MessageState;
  envelopeFrom: string | null;
  messageId: string | null;
  subject: string | null;
  fromAddress: string | null;
  size: number;
  /** The rule hits that decided a post (held, rejected, discarded, accepted with hits). */
  hits: RuleHit[];
  /** Why the message is in its state, for people: rejection reason, processing error, ... */
  stateReason: string | null;
  holdExpiresAt: Date | null;
  receivedAt: Date;
  /** For a prepared post: the incoming message it came from. */
  sourceId: number | null;
  sequence: number | null;
}

export interface NewIncoming {
  raw: Buffer;
  envelopeFrom: string | null;
  listId: number;
  role: AddressRole;
  detail: string | null;
  receivedAt: Date;
}

export interface MessageUpdate {
  state?: MessageState;
  hits?: RuleHit[];
  stateReason?: string | null;
  holdExpiresAt?: Date | null;
  messageId?: string | null;
  subject?: string | null;
  fromAddress?: string | null;
}

// ---- members ------------------------------------------------------------------------------
export interface NewMember {
  listId: number;
  address: string;
  displayName?: string;
  role?: MemberRole;
  deliveryMode?: DeliveryMode;
  moderationAction?: ModerationAction | null;
}

export type MemberPatch = Partial<
  Pick<Member, 'displayName' | 'deliveryMode' | 'deliveryEnabled' | 'disabledReason' | 'receiveOwnPosts' | 'acknowledgePosts' | 'hideFromRoster' | 'moderationAction' | 'address'>
>;

export interface MemberQuery {
  role?: MemberRole;
  search?: string;
  offset?: number;
  limit?: number;
}

/** What delivery needs per recipient, read in one pass. */
export interface Recipient {
  memberId: number;
  address: string;
  unsubscribeToken: string;
  receiveOwnPosts: boolean;
}

// ---- confirmations, rate limits ------------------------------------------------------------
export type PendingKind = 'subscribe' | 'unsubscribe' | 'approve_subscription' | 'change_address';

export interface Pending {
  token: string;
  listId: number;
  kind: PendingKind;
  address: string;
  /** JSON-able extra data (display name, digest choice, new address, ...). */
  data: Record<string, string | number | boolean | null>;
  createdAt: Date;
  expiresAt: Date;
}

export interface DeliveryFailure {
  listId: number;
  postId: number;
  recipient: string;
  code: number | null;
  enhanced: string | null;
  response: string;
  permanent: boolean;
  at: Date;
}

export interface JobCounts {
  queue: QueueName;
  state: JobState;
  count: number;
}

// Records of the larger features live in records/ and are re-exported here: features import one file.
export type * from './records/auth.ts';
import type { WebAccount, SessionMethod, WebSession, WebLinkPurpose, WebLink, ApiToken } from './records/auth.ts';
export type * from './records/bounces-digests.ts';
import type { BounceInfo, BounceSource, BounceEvent, UnscoredFailure, DigestFormat, DigestState, DigestEntry, DigestBacklog, DigestIssue } from './records/bounces-digests.ts';
export type * from './records/archive.ts';
import type { ArchiveNode, ArchiveOverviewFields, NewArchiveEntry, ArchiveEntry, ArchiveMonth, ArchiveSearchQuery, ArchiveSearchHit, ArchivePlacement, ArchiveQuoteQuery, ArchiveQuoteCandidate, ArchiveThreadCursor, ArchiveThreadPlacement, ArchiveThreadRow, ArchiveThreadsOptions, ArchiveSummary, ArchiveMonthOrder, ArchiveMonthState, ArchiveIndexRow, ArchiveMonthPage } from './records/archive.ts';

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction; inside it, `tx` is a Store bound to that transaction. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  // site key/value (secrets, counters that are not per list)
  getSiteValue(key: string): Promise<string | null>;
  setSiteValueIfAbsent(key: string, value: string): Promise<string>;

  // lists
  createList(input: { name: string; domain: string; settings: ListSettings; createdAt: Date }): Promise<MailingList>;
  getList(id: number): Promise<MailingList | null>;
  findListByAddress(address: string): Promise<MailingList | null>;
  findListsByName(name: string): Promise<MailingList[]>;
  listLists(): Promise<MailingList[]>;
  updateListSettings(id: number, settings: ListSettings): Promise<MailingList>;
  deleteList(id: number): Promise<void>;
  /** Increments and returns the list's post sequence number (for {sequence} prefixes). */
  nextPostSequence(listId: number): Promise<number>;

  // members
  addMember(m: NewMember, now: Date, token: string): Promise<Member>;
  getMember(listId: number, address: string, role?: MemberRole): Promise<Member | null>;
  getMemberById(id: number): Promise<Member | null>;
  getMemberByToken(token: string): Promise<Member | null>;
  listMembers(listId: number, q?: MemberQuery): Promise<Member[]>;
  countMembers(listId: number, role?: MemberRole): Promise<number>;
  updateMember(id: number, patch: MemberPatch): Promise<Member>;
  removeMember(id: number): Promise<void>;
  /** Members with delivery enabled and regular delivery, deduplicated by address. */
  regularRecipients(listId: number): Promise<Recipient[]>;
  /** Lists where this address has a membership of the given role. */
  membershipsOf(address: string, role?: MemberRole): Promise<Member[]>;

  // messages
  saveIncoming(m: NewIncoming): Promise<number>;
  savePost(input: { listId: number; sourceId: number; raw: Buffer; messageId: string | null; subject: string | null; fromAddress: string | null; sequence: number; receivedAt: Date }): Promise<number>;
  getMessage(id: number): Promise<StoredMessage | null>;
  getRaw(id: number): Promise<Buffer | null>;
  /** Several messages' raw bytes by id in one query; ids not found are absent from the map. */
  getRaws(ids: readonly number[]): Promise<Map<number, Buffer>>;
  updateMessage(id: number, patch: MessageUpdate): Promise<void>;
  listHeld(listId: number): Promise<StoredMessage[]>;
  /** Held messages whose hold has expired by `now`, across lists. */
  expiredHolds(now: Date, limit: number): Promise<StoredMessage[]>;
  listMessagesByState(state: MessageState, limit: number): Promise<StoredMessage[]>;

  // jobs
  enqueue(jobs: NewJob | NewJob[], now: Date): Promise<number[]>;
  claimJobs(queues: readonly QueueName[], limit: number, now: Date, leaseMs: number): Promise<Job[]>;
  completeJob(id: number, now: Date): Promise<void>;
  /** Records a failure: back to pending at `retryAt`, or dead when attempts are used up (or retryAt null). */
  failJob(id: number, error: string, retryAt: Date | null, now: Date): Promise<JobState>;
  getJob(id: number): Promise<Job | null>;
  jobCounts(): Promise<JobCounts[]>;
  listJobs(state: JobState, limit: number): Promise<Job[]>;
  retryDeadJobs(now: Date, ids?: number[]): Promise<number>;
  /** Deletes done jobs finished before `before`. */
  purgeDoneJobs(before: Date): Promise<number>;

  // confirmations
  createPending(p: Pending): Promise<void>;
  getPending(token: string): Promise<Pending | null>;
  deletePending(token: string): Promise<void>;
  listPending(listId: number, kind?: PendingKind): Promise<Pending[]>;
  purgeExpiredPending(now: Date): Promise<number>;

  // rate limits: counts events for a key inside a window and records one more when under the limit
  hitRateLimit(key: string, now: Date, windowMs: number, limit: number): Promise<boolean>;

  // delivery failures (input to bounce processing)
  recordDeliveryFailures(f: DeliveryFailure[]): Promise<void>;
  listDeliveryFailures(listId: number, limit: number): Promise<DeliveryFailure[]>;

  // authentication of incoming mail (auth-mail/): the SMTP client SPF is judged for, and the
  // results found, kept so an approval later writes the same Authentication-Results
  recordSmtpClient(messageId: number, client: SmtpClient): Promise<void>;
  getSmtpClient(messageId: number): Promise<SmtpClient | null>;
  saveAuthResults(messageId: number, summary: AuthSummary): Promise<void>;
  getAuthResults(messageId: number): Promise<AuthSummary | null>;

  // bounce processing (bounces/)
  getBounceInfo(memberId: number): Promise<BounceInfo | null>;
  /** The member's record, created empty when missing; inside a transaction it holds the row until commit. */
  lockBounceInfo(memberId: number, listId: number): Promise<BounceInfo>;
  /** Inserts or replaces the member's bounce record. */
  putBounceInfo(info: BounceInfo): Promise<void>;
  deleteBounceInfo(memberId: number): Promise<void>;
  findBounceInfoByProbe(token: string): Promise<BounceInfo | null>;
  /** Records with a score, a disabled member or a probe out, by member id after `afterMemberId` (for paging). */
  activeBounceInfo(afterMemberId: number, limit: number): Promise<BounceInfo[]>;
  listBounceInfo(listId: number): Promise<BounceInfo[]>;
  recordBounceEvent(e: BounceEvent): Promise<void>;
  listBounceEvents(listId: number, limit: number): Promise<Array<BounceEvent & { id: number }>>;
  /** Marks up to `limit` unscored delivery failures scored and returns them; each is returned once. */
  takeUnscoredDeliveryFailures(limit: number): Promise<UnscoredFailure[]>;

  // digests (digests/)
  addDigestEntry(e: Omit<DigestEntry, 'id'>): Promise<void>;
  /** Lists with posts waiting for a digest (one list, or all). */
  digestBacklog(listId?: number): Promise<DigestBacklog[]>;
  /** The list's digest counters, created when missing; inside a transaction it holds the row until commit. */
  lockDigestState(listId: number): Promise<DigestState>;
  setDigestState(s: DigestState): Promise<void>;
  pendingDigestEntries(listId: number): Promise<DigestEntry[]>;
  /** Drops entries no issue will carry (nobody takes digests when they fall due). */
  dropDigestEntries(ids: number[]): Promise<void>;
  /** Saves a rendered issue and removes its entries from the backlog. */
  saveDigestIssue(i: Omit<DigestIssue, 'id' | 'entryCount'> & { entryIds: number[]; mime: Buffer; plain: Buffer }): Promise<number>;
  getDigestIssue(id: number): Promise<DigestIssue | null>;
  getDigestRaw(id: number, format: DigestFormat): Promise<Buffer | null>;
  listDigestIssues(listId: number, limit: number): Promise<DigestIssue[]>;
  /** Deletes issues created before `before` (their deliveries are long finished). */
  purgeDigestIssues(before: Date): Promise<number>;
  /** Members with delivery enabled and this digest mode, deduplicated by address. */
  digestRecipients(listId: number, mode: 'mime_digest' | 'plain_digest'): Promise<Recipient[]>;

  // web accounts, sessions, one-time links, API tokens (auth, web)
  getAccount(address: string): Promise<WebAccount | null>;
  /** Creates the account when missing; `siteAdmin: true` promotes an existing one. */
  ensureAccount(address: string, now: Date, opts?: { siteAdmin?: boolean }): Promise<WebAccount>;
  setAccountPassword(address: string, hash: string | null, now: Date): Promise<void>;
  listAccounts(): Promise<WebAccount[]>;
  createSession(s: WebSession): Promise<void>;
  getSession(idHash: string): Promise<WebSession | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an address (password change, address change). */
  deleteSessionsOf(address: string): Promise<number>;
  createWebLink(l: WebLink): Promise<void>;
  /** Returns the link and deletes it in one step when it is live; null when unknown or expired. */
  takeWebLink(tokenHash: string, now: Date): Promise<WebLink | null>;
  getWebLink(tokenHash: string): Promise<WebLink | null>;
  /** Deletes expired sessions and links. */
  purgeExpiredWeb(now: Date): Promise<number>;
  createApiToken(t: Omit<ApiToken, 'id' | 'lastUsedAt'>): Promise<ApiToken>;
  findApiToken(tokenHash: string): Promise<ApiToken | null>;
  touchApiToken(id: number, now: Date): Promise<void>;
  listApiTokens(): Promise<ApiToken[]>;
  deleteApiToken(id: number): Promise<boolean>;
  /** A page of a roster ordered by folded address (walks the index), searched case-insensitively. */
  rosterPage(listId: number, role: MemberRole, q: { search?: string; offset: number; limit: number }): Promise<Member[]>;

  // ---- archive ----
  /** Which of these SHA-256 digests the list's archive already holds. */
  archiveHasDigests(listId: number, sha256s: readonly string[]): Promise<Set<string>>;
  /** Stores entries (raw once, numbers assigned in order, overview and search rows); returns their ids. */
  addArchiveEntries(entries: readonly NewArchiveEntry[]): Promise<number[]>;
  /** Nodes (messages, not duplicate copies, and ghosts) with these Message-IDs, and their ancestors. */
  archiveNodes(listId: number, messageIds: readonly string[]): Promise<ArchiveNode[]>;
  /** Applies a placement to the archive entry `entryId` in one transaction. */
  applyArchivePlacement(listId: number, entryId: number, p: ArchivePlacement): Promise<void>;
  /**
   * Replaces the whole thread forest of a list (bulk threading) in one transaction. Both are read
   * once, as they are written: a generator can give a million placements without holding them.
   */
  replaceArchiveThreads(listId: number, placed: Iterable<ArchiveThreadPlacement>, ghosts: Iterable<ArchiveNode>, options?: ArchiveThreadsOptions): Promise<{ published: number }>;
  /** The first post of the latest run of a base subject before `before` within `sinceMs`. */
  archiveSubjectMatch(listId: number, baseSubject: string, before: Date, sinceMs: number): Promise<{ messageId: string; date: Date } | null>;
  /** Entries in number order after `afterNumber` (for export, reindex, threading), hidden ones too. */
  archiveEntriesAfter(listId: number, afterNumber: number, limit: number, month?: string): Promise<ArchiveEntry[]>;
  /**
   * What threading needs of the list's readable rows (hidden ones too), in the order bulk threading
   * places them: by date, then number; a page starts after `after` (null: from the first).
   */
  archiveThreadRows(listId: number, after: ArchiveThreadCursor | null, limit: number): Promise<ArchiveThreadRow[]>;
  /** Shows the list's hidden rows (an import's); returns how many. */
  publishArchive(listId: number): Promise<number>;
  /**
   * After a bulk write (an import, a reindex): the planner's statistics taken again and dead row
   * versions cleared (PostgreSQL's VACUUM ANALYZE of the archive's tables; SQLite needs neither).
   * With `vacuum: false`, during an import: only the statistics of the overview rows, which the
   * import reads back as it goes (digests, then threading).
   */
  refreshArchiveStatistics(options?: { vacuum?: boolean }): Promise<void>;
  /** Lists with at least one visible archived message, with counts. */
  archivedLists(): Promise<Array<{ listId: number; count: number }>>;
  archiveMonths(listId: number): Promise<ArchiveMonth[]>;
  /** One month of a list's archive: its readable messages and its generation; null when it has none. */
  archiveMonthState(listId: number, month: string): Promise<ArchiveMonthState | null>;
  /** The kept page of a month in one variant (order, address hiding), or null. */
  archiveMonthPage(listId: number, month: string, variant: string): Promise<ArchiveMonthPage | null>;
  /** Keeps a rendered month page, unless one of a later generation is kept already. */
  putArchiveMonthPage(listId: number, month: string, variant: string, page: ArchiveMonthPage): Promise<void>;
  /** A list's months with readable messages lacking a kept page of their generation in one of `variants`, newest first. */
  archiveStaleMonthPages(listId: number, variants: readonly string[]): Promise<Array<{ month: string; generation: number }>>;
  archiveMonthEntries(listId: number, month: string): Promise<ArchiveEntry[]>;
  archiveThreadEntries(listId: number, threadId: string): Promise<ArchiveEntry[]>;
  /** `limit` readable messages of a month from `offset` in an index order, as index rows (pages read no more). */
  archiveMonthRows(listId: number, month: string, order: ArchiveMonthOrder, offset: number, limit: number): Promise<ArchiveIndexRow[]>;
  /** A thread's readable messages as summaries, by date (at most 5000). */
  archiveThreadSummaries(listId: number, threadId: string): Promise<ArchiveSummary[]>;
  getArchiveEntry(listId: number, number: number): Promise<ArchiveEntry | null>;
  findArchiveEntries(listId: number, messageId: string): Promise<ArchiveEntry[]>;
  /** The visible entries just before and after one, by date. */
  archiveDateNeighbours(e: ArchiveEntry): Promise<{ prev: ArchiveEntry | null; next: ArchiveEntry | null }>;
  searchArchive(q: ArchiveSearchQuery): Promise<ArchiveSearchHit[]>;
  /** Rewrites the derived columns and search row of one entry (reindex). */
  rewriteArchiveEntry(id: number, fields: ArchiveOverviewFields, text: string): Promise<void>;
  /** Posts a quoting reply may have quoted (see ArchiveQuoteQuery), newest first. */
  archiveQuoteCandidates(listId: number, q: ArchiveQuoteQuery): Promise<ArchiveQuoteCandidate[]>;
  /** The text the search index holds for these entries (the author's own words); absent ids are left out. */
  archiveIndexedTexts(ids: readonly number[]): Promise<Array<{ id: number; text: string }>>;
}

