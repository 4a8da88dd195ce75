// The Store interface: everything the features may ask of the database. One Kysely implementation
// serves SQLite and PostgreSQL (store/kysely), and one shared test suite holds both to it.
import type { AuthSummary, SmtpClient } from '../domain/authentication.ts';
import type { DeliveryMode, MailingList, Member, MemberRole } from '../domain/list.ts';
import type { ListSettings, ModerationAction } from '../domain/list-settings.ts';
import type { AddressRole } from '../domain/roles.ts';
import type { RuleHit } from '../domain/verdict.ts';

// ---- jobs -----------------------------------------------------------------------------------
export const QUEUES = ['incoming', 'deliver', 'notify', 'archive', 'maintenance', 'digest'] as const;
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


// ---- web accounts, sessions, one-time links, API tokens (auth, web) -------------------------
export interface WebAccount {
  id: number;
  address: string;
  /** argon2id PHC string; null until a password is set through an emailed link. */
  passwordHash: string | null;
  siteAdmin: boolean;
  createdAt: Date;
  passwordSetAt: Date | null;
}

/** How a session was opened: an emailed link proves the mailbox, a password proves the account. */
export type SessionMethod = 'link' | 'password';

export interface WebSession {
  /** SHA-256 of the cookie value, hex; the value itself is never stored. */
  idHash: string;
  address: string;
  method: SessionMethod;
  createdAt: Date;
  expiresAt: Date;
}

export type WebLinkPurpose = 'sign_in' | 'set_password' | 'change_address';

export interface WebLink {
  /** SHA-256 of the token mailed in the link, hex. */
  tokenHash: string;
  address: string;
  purpose: WebLinkPurpose;
  data: Record<string, string | number | boolean | null>;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiToken {
  id: number;
  name: string;
  tokenHash: string;
  /** null: the whole site; otherwise the one list the token may act on. */
  listId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

// ---- bounces and digests (bounces/, digests/) ----------------------------------------------
/** A member's bounce record (Mailman's bounce info): score, disabling, warnings and probe. */
export interface BounceInfo {
  memberId: number;
  listId: number;
  score: number;
  lastBounceAt: Date | null;
  /** When bounces disabled delivery; null while delivery is on. */
  disabledAt: Date | null;
  /** Notices sent since disabling (the disabling notice counts as the first). */
  warningsSent: number;
  lastWarningAt: Date | null;
  /** The token of a probe sent and not yet answered (`L-bounces+probe-TOKEN@…`). */
  probeToken: string | null;
  probeSentAt: Date | null;
}

export type BounceSource = 'mail' | 'smtp' | 'probe';

/** One bounce received, what it said and what bounce processing did with it. */
export interface BounceEvent {
  listId: number;
  memberId: number | null;
  address: string;
  at: Date;
  source: BounceSource;
  /** The parser's kind (failure, warning, delay, unknown, not-a-bounce) or `smtp` for a 5xx reply. */
  kind: string;
  reason: string | null;
  permanent: boolean | null;
  /** What was added to the score (0 when nothing was). */
  weight: number;
  /** scored, same-day, not-scored, ignored, no-member, probe-confirmed, ... */
  outcome: string;
  /** The bounce message (messages.id), when it came by mail. */
  messageId: number | null;
  detail: string;
}

/** A delivery failure not yet seen by bounce processing. */
export interface UnscoredFailure extends DeliveryFailure {
  id: number;
}

export type DigestFormat = 'mime' | 'plain';

export interface DigestState {
  listId: number;
  volume: number;
  /** The number the next issue of this volume gets. */
  nextIssue: number;
  lastSentAt: Date | null;
}

/** An accepted post waiting for the list's next digest. */
export interface DigestEntry {
  id: number;
  listId: number;
  postId: number;
  size: number;
  addedAt: Date;
}

export interface DigestBacklog {
  listId: number;
  count: number;
  bytes: number;
  oldestAt: Date;
}

export interface DigestIssue {
  id: number;
  listId: number;
  volume: number;
  issue: number;
  createdAt: Date;
  entryCount: number;
}

// ---- archive ----

/** How a thread node found its parent ('subject' and 'quote' are inferred links). */
export type ArchiveLink = 'in-reply-to' | 'references' | 'subject' | 'quote' | 'none';

/** A node of a list's thread forest: an archived message or a ghost (a missing referenced one). */
export interface ArchiveNode {
  messageId: string;
  threadId: string;
  parentId: string | null;
  ghost: boolean;
  link: ArchiveLink;
}

/** The derived facts of one archived message (its overview row). */
export interface ArchiveOverviewFields {
  messageId: string;
  syntheticId: boolean;
  subject: string;
  baseSubject: string;
  isReply: boolean;
  authorName: string;
  authorAddress: string;
  date: Date;
  dateSource: string;
  dateSuspect: boolean;
  inReplyTo: string | null;
  references: string[];
  size: number;
  attachmentCount: number;
  attachmentNames: string[];
  /** Quote evidence for threading (JSON), kept only for messages without references. */
  threadData: string | null;
  /** Set when the message could not be read; such rows stay out of indexes. */
  badReason: string | null;
}

export interface NewArchiveEntry extends ArchiveOverviewFields {
  listId: number;
  sha256: string;
  fromLine: string | null;
  /** The raw bytes: stored as a new `archived` message unless `rawId` names one already kept (a post). */
  raw: Buffer;
  rawId: number | null;
  /** Hidden rows (an import in progress) are not shown until publishArchive. */
  hidden: boolean;
  /** The author's own words, for the full-text index. */
  text: string;
  /** The thread placement, when known at insert time. */
  node: Pick<ArchiveNode, 'threadId' | 'parentId' | 'link'> | null;
  duplicate: boolean;
}

export interface ArchiveEntry extends ArchiveOverviewFields {
  id: number;
  listId: number;
  number: number;
  rawId: number;
  fromLine: string | null;
  hidden: boolean;
  duplicate: boolean;
  month: string;
  threadId: string | null;
  parentId: string | null;
  link: ArchiveLink;
  inferred: boolean;
}

export interface ArchiveMonth { month: string; count: number }

export interface ArchiveSearchQuery {
  listIds: number[];
  words: string;
  from?: string;
  subject?: string;
  before?: Date;
  after?: Date;
  hasAttachment?: boolean;
  order: 'rank' | 'newest';
  limit: number;
  offset: number;
}

export interface ArchiveSearchHit { entry: ArchiveEntry; snippet: string | null }

/** A placement as the store applies it (see archive/core.ts): node, upserts, thread merges. */
export interface ArchivePlacement {
  node: ArchiveNode;
  duplicate: boolean;
  updates: ArchiveNode[];
  merges: Array<{ from: string; into: string }>;
}

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
  /** Replaces the whole thread forest of a list (bulk threading). */
  replaceArchiveThreads(listId: number, placed: ReadonlyArray<{ id: number; threadId: string; parentId: string | null; link: ArchiveLink; duplicate: boolean }>, ghosts: readonly ArchiveNode[]): Promise<void>;
  /** The first post of the latest run of a base subject before `before` within `sinceMs`. */
  archiveSubjectMatch(listId: number, baseSubject: string, before: Date, sinceMs: number): Promise<{ messageId: string; date: Date } | null>;
  /** Entries in number order after `afterNumber` (for export, reindex, threading), hidden ones too. */
  archiveEntriesAfter(listId: number, afterNumber: number, limit: number, month?: string): Promise<ArchiveEntry[]>;
  publishArchive(listId: number): Promise<number>;
  /** Lists with at least one visible archived message, with counts. */
  archivedLists(): Promise<Array<{ listId: number; count: number }>>;
  archiveMonths(listId: number): Promise<ArchiveMonth[]>;
  archiveMonthEntries(listId: number, month: string): Promise<ArchiveEntry[]>;
  archiveThreadEntries(listId: number, threadId: string): Promise<ArchiveEntry[]>;
  getArchiveEntry(listId: number, number: number): Promise<ArchiveEntry | null>;
  findArchiveEntries(listId: number, messageId: string): Promise<ArchiveEntry[]>;
  /** The visible entries just before and after one, by date. */
  archiveDateNeighbours(e: ArchiveEntry): Promise<{ prev: ArchiveEntry | null; next: ArchiveEntry | null }>;
  searchArchive(q: ArchiveSearchQuery): Promise<ArchiveSearchHit[]>;
  /** Rewrites the derived columns and search row of one entry (reindex). */
  rewriteArchiveEntry(id: number, fields: ArchiveOverviewFields, text: string): Promise<void>;
}

