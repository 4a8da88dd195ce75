// The Store over Kysely: one class for both dialects; what differs lives in dialects/.
import { sql, type Kysely } from 'kysely';
import { CaucusError } from '../../domain/errors.ts';
import { addressKey } from '../../domain/address.ts';
import type { MailingList, Member, MemberRole } from '../../domain/list.ts';
import type { ListSettings } from '../../domain/list-settings.ts';
import type { DialectSpec } from '../dialects/types.ts';
import type {
  DeliveryFailure, Job, JobCounts, JobState, MemberPatch, MemberQuery, MessageState, MessageUpdate, NewIncoming, NewJob,
  NewMember, Pending, PendingKind, QueueName, Recipient, Store, StoredMessage,
} from '../types.ts';
import type { ApiToken, WebAccount, WebLink, WebSession } from '../types.ts';
import type { BounceEvent, BounceInfo, DigestBacklog, DigestEntry, DigestFormat, DigestIssue, DigestState, UnscoredFailure } from '../types.ts';
import type { AuthSummary, SmtpClient } from '../../domain/authentication.ts';
import type { DB } from './schema.ts';
import { toList } from './rows.ts';
import * as members from './members.ts';
import * as messages from './messages.ts';
import * as jobs from './jobs.ts';
import * as records from './records.ts';
import * as auth from './auth.ts';
import * as bounces from './bounces.ts';
import * as digests from './digests.ts';
import * as web from './web.ts';
import * as archive from './archive.ts';
import * as archiveRead from './archive-read.ts';
import * as archiveQuotes from './archive-quotes.ts';
import * as archiveThreadRows from './archive-thread-rows.ts';
import type { ArchiveEntry, ArchiveMonth, ArchiveNode, ArchiveOverviewFields, ArchivePlacement, ArchiveSearchHit, ArchiveSearchQuery, NewArchiveEntry } from '../types.ts';
import type { ArchiveQuoteCandidate, ArchiveQuoteQuery, ArchiveThreadCursor, ArchiveThreadPlacement, ArchiveThreadRow, ArchiveThreadsOptions } from '../types.ts';
import type { ArchiveIndexRow, ArchiveMonthOrder, ArchiveMonthPage, ArchiveMonthState, ArchiveSummary } from '../types.ts';

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';

  /** The spec a transaction's store gets: PostgreSQL reads arrays on the pool, outside any transaction. */
  private readonly txSpec: DialectSpec;

  constructor(
    readonly db: Kysely<DB>,
    readonly spec: DialectSpec,
    private readonly inTransaction = false,
  ) {
    this.dialect = spec.name;
    this.txSpec = spec.name === 'postgres' ? { ...spec, selectArrays: undefined } : spec;
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new KyselyStore(trx, this.txSpec, true)));
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.db.destroy();
  }

  async getSiteValue(key: string): Promise<string | null> {
    const r = await this.db.selectFrom('site_kv').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value ?? null;
  }

  async setSiteValueIfAbsent(key: string, value: string): Promise<string> {
    await this.db.insertInto('site_kv').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return (await this.getSiteValue(key)) ?? value;
  }

  // ---- lists ----
  async createList(input: { name: string; domain: string; settings: ListSettings; createdAt: Date }): Promise<MailingList> {
    const address = `${input.name}@${input.domain}`.toLowerCase();
    if (await this.findListByAddress(address)) throw new CaucusError('conflict', `list ${address} already exists`);
    const row = await this.db
      .insertInto('lists')
      .values({ name: input.name.toLowerCase(), domain: input.domain.toLowerCase(), address, settings: JSON.stringify(input.settings), created_at: input.createdAt.getTime() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toList(row);
  }

  async getList(id: number): Promise<MailingList | null> {
    const r = await this.db.selectFrom('lists').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toList(r) : null;
  }

  async findListByAddress(address: string): Promise<MailingList | null> {
    const r = await this.db.selectFrom('lists').selectAll().where('address', '=', addressKey(address)).executeTakeFirst();
    return r ? toList(r) : null;
  }

  async findListsByName(name: string): Promise<MailingList[]> {
    return (await this.db.selectFrom('lists').selectAll().where('name', '=', name.toLowerCase()).orderBy('id').execute()).map(toList);
  }

  async listLists(): Promise<MailingList[]> {
    return (await this.db.selectFrom('lists').selectAll().orderBy('address').execute()).map(toList);
  }

  async updateListSettings(id: number, settings: ListSettings): Promise<MailingList> {
    await this.db.updateTable('lists').set({ settings: JSON.stringify(settings) }).where('id', '=', id).execute();
    const l = await this.getList(id);
    if (!l) throw new CaucusError('not_found', `no list with id ${id}`);
    return l;
  }

  async deleteList(id: number): Promise<void> {
    // Members, messages and confirmations go with the list (ON DELETE CASCADE); queued jobs that
    // name it find no list and complete as no-ops.
    await this.db.deleteFrom('lists').where('id', '=', id).execute();
  }

  async nextPostSequence(listId: number): Promise<number> {
    const r = await this.db
      .updateTable('lists')
      .set((eb) => ({ post_seq: eb('post_seq', '+', 1) }))
      .where('id', '=', listId)
      .returning('post_seq')
      .executeTakeFirstOrThrow();
    return Number(r.post_seq);
  }

  // ---- members ----
  addMember(m: NewMember, now: Date, token: string): Promise<Member> { return members.addMember(this.db, m, now, token); }
  getMember(listId: number, address: string, role: MemberRole = 'member'): Promise<Member | null> { return members.getMember(this.db, listId, address, role); }
  getMemberById(id: number): Promise<Member | null> { return members.getMemberBy(this.db, 'id', id); }
  getMemberByToken(token: string): Promise<Member | null> { return members.getMemberBy(this.db, 'unsubscribe_token', token); }
  listMembers(listId: number, q?: MemberQuery): Promise<Member[]> { return members.listMembers(this.db, listId, q); }
  countMembers(listId: number, role?: MemberRole): Promise<number> { return members.countMembers(this.db, listId, role); }
  updateMember(id: number, patch: MemberPatch): Promise<Member> { return members.updateMember(this.db, id, patch); }
  async removeMember(id: number): Promise<void> { await this.db.deleteFrom('members').where('id', '=', id).execute(); }
  regularRecipients(listId: number): Promise<Recipient[]> { return members.regularRecipients(this.db, listId); }
  membershipsOf(address: string, role?: MemberRole): Promise<Member[]> { return members.membershipsOf(this.db, address, role); }

  // ---- messages ----
  saveIncoming(m: NewIncoming): Promise<number> { return messages.saveIncoming(this.db, m); }
  savePost(p: Parameters<Store['savePost']>[0]): Promise<number> { return messages.savePost(this.db, p); }
  getMessage(id: number): Promise<StoredMessage | null> { return messages.getMessage(this.db, id); }
  getRaw(id: number): Promise<Buffer | null> { return messages.getRaw(this.db, id); }
  getRaws(ids: readonly number[]): Promise<Map<number, Buffer>> { return messages.getRaws(this.db, ids); }
  updateMessage(id: number, patch: MessageUpdate): Promise<void> { return messages.updateMessage(this.db, id, patch); }
  listHeld(listId: number): Promise<StoredMessage[]> { return messages.listHeld(this.db, listId); }
  expiredHolds(now: Date, limit: number): Promise<StoredMessage[]> { return messages.expiredHolds(this.db, now, limit); }
  listMessagesByState(state: MessageState, limit: number): Promise<StoredMessage[]> { return messages.listByState(this.db, state, limit); }

  // ---- jobs ----
  enqueue(j: NewJob | NewJob[], now: Date): Promise<number[]> { return jobs.enqueue(this.db, Array.isArray(j) ? j : [j], now); }
  claimJobs(queues: readonly QueueName[], limit: number, now: Date, leaseMs: number): Promise<Job[]> { return jobs.claimJobs(this.db, this.spec, queues, limit, now, leaseMs); }
  completeJob(id: number, now: Date): Promise<void> { return jobs.completeJob(this.db, id, now); }
  failJob(id: number, error: string, retryAt: Date | null, now: Date): Promise<JobState> { return jobs.failJob(this.db, id, error, retryAt, now); }
  getJob(id: number): Promise<Job | null> { return jobs.getJob(this.db, id); }
  jobCounts(): Promise<JobCounts[]> { return jobs.jobCounts(this.db); }
  listJobs(state: JobState, limit: number): Promise<Job[]> { return jobs.listJobs(this.db, state, limit); }
  retryDeadJobs(now: Date, ids?: number[]): Promise<number> { return jobs.retryDead(this.db, now, ids); }
  purgeDoneJobs(before: Date): Promise<number> { return jobs.purgeDone(this.db, before); }

  // ---- confirmations, rate limits, failures ----
  createPending(p: Pending): Promise<void> { return records.createPending(this.db, p); }
  getPending(token: string): Promise<Pending | null> { return records.getPending(this.db, token); }
  async deletePending(token: string): Promise<void> { await this.db.deleteFrom('pending').where('token', '=', token).execute(); }
  listPending(listId: number, kind?: PendingKind): Promise<Pending[]> { return records.listPending(this.db, listId, kind); }
  async purgeExpiredPending(now: Date): Promise<number> {
    const r = await this.db.deleteFrom('pending').where('expires_at', '<', now.getTime()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
  hitRateLimit(key: string, now: Date, windowMs: number, limit: number): Promise<boolean> { return records.hitRateLimit(this.db, key, now, windowMs, limit); }
  recordDeliveryFailures(f: DeliveryFailure[]): Promise<void> { return records.recordDeliveryFailures(this.db, f); }
  listDeliveryFailures(listId: number, limit: number): Promise<DeliveryFailure[]> { return records.listDeliveryFailures(this.db, listId, limit); }

  // ---- authentication of incoming mail ----
  recordSmtpClient(messageId: number, client: SmtpClient): Promise<void> { return auth.recordSmtpClient(this.db, messageId, client); }
  getSmtpClient(messageId: number): Promise<SmtpClient | null> { return auth.getSmtpClient(this.db, messageId); }
  saveAuthResults(messageId: number, summary: AuthSummary): Promise<void> { return auth.saveAuthResults(this.db, messageId, summary); }
  getAuthResults(messageId: number): Promise<AuthSummary | null> { return auth.getAuthResults(this.db, messageId); }

  // ---- bounce processing ----
  getBounceInfo(memberId: number): Promise<BounceInfo | null> { return bounces.getBounceInfo(this.db, memberId); }
  lockBounceInfo(memberId: number, listId: number): Promise<BounceInfo> { return bounces.lockBounceInfo(this.db, memberId, listId); }
  putBounceInfo(info: BounceInfo): Promise<void> { return bounces.putBounceInfo(this.db, info); }
  deleteBounceInfo(memberId: number): Promise<void> { return bounces.deleteBounceInfo(this.db, memberId); }
  findBounceInfoByProbe(token: string): Promise<BounceInfo | null> { return bounces.findBounceInfoByProbe(this.db, token); }
  activeBounceInfo(afterMemberId: number, limit: number): Promise<BounceInfo[]> { return bounces.activeBounceInfo(this.db, afterMemberId, limit); }
  listBounceInfo(listId: number): Promise<BounceInfo[]> { return bounces.listBounceInfo(this.db, listId); }
  recordBounceEvent(e: BounceEvent): Promise<void> { return bounces.recordBounceEvent(this.db, e); }
  listBounceEvents(listId: number, limit: number): Promise<Array<BounceEvent & { id: number }>> { return bounces.listBounceEvents(this.db, listId, limit); }
  takeUnscoredDeliveryFailures(limit: number): Promise<UnscoredFailure[]> { return bounces.takeUnscoredDeliveryFailures(this.db, limit, this.spec.name === 'postgres'); }

  // ---- digests ----
  addDigestEntry(e: Omit<DigestEntry, 'id'>): Promise<void> { return digests.addDigestEntry(this.db, e); }
  digestBacklog(listId?: number): Promise<DigestBacklog[]> { return digests.digestBacklog(this.db, listId); }
  lockDigestState(listId: number): Promise<DigestState> { return digests.lockDigestState(this.db, listId); }
  setDigestState(st: DigestState): Promise<void> { return digests.setDigestState(this.db, st); }
  pendingDigestEntries(listId: number): Promise<DigestEntry[]> { return digests.pendingDigestEntries(this.db, listId); }
  dropDigestEntries(ids: number[]): Promise<void> { return digests.dropDigestEntries(this.db, ids); }
  saveDigestIssue(i: Parameters<Store['saveDigestIssue']>[0]): Promise<number> { return digests.saveDigestIssue(this.db, i); }
  getDigestIssue(id: number): Promise<DigestIssue | null> { return digests.getDigestIssue(this.db, id); }
  getDigestRaw(id: number, format: DigestFormat): Promise<Buffer | null> { return digests.getDigestRaw(this.db, id, format); }
  listDigestIssues(listId: number, limit: number): Promise<DigestIssue[]> { return digests.listDigestIssues(this.db, listId, limit); }
  purgeDigestIssues(before: Date): Promise<number> { return digests.purgeDigestIssues(this.db, before); }
  digestRecipients(listId: number, mode: 'mime_digest' | 'plain_digest'): Promise<Recipient[]> { return digests.digestRecipients(this.db, listId, mode); }

  // ---- web accounts, sessions, one-time links, API tokens ----
  getAccount(address: string): Promise<WebAccount | null> { return web.getAccount(this.db, address); }
  ensureAccount(address: string, now: Date, opts?: { siteAdmin?: boolean }): Promise<WebAccount> { return web.ensureAccount(this.db, address, now, opts); }
  setAccountPassword(address: string, hash: string | null, now: Date): Promise<void> { return web.setAccountPassword(this.db, address, hash, now); }
  listAccounts(): Promise<WebAccount[]> { return web.listAccounts(this.db); }
  createSession(s: WebSession): Promise<void> { return web.createSession(this.db, s); }
  getSession(idHash: string): Promise<WebSession | null> { return web.getSession(this.db, idHash); }
  async deleteSession(idHash: string): Promise<void> { await this.db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute(); }
  deleteSessionsOf(address: string): Promise<number> { return web.deleteSessionsOf(this.db, address); }
  createWebLink(l: WebLink): Promise<void> { return web.createWebLink(this.db, l); }
  takeWebLink(tokenHash: string, now: Date): Promise<WebLink | null> { return web.takeWebLink(this.db, tokenHash, now); }
  getWebLink(tokenHash: string): Promise<WebLink | null> { return web.getWebLink(this.db, tokenHash); }
  purgeExpiredWeb(now: Date): Promise<number> { return web.purgeExpiredWeb(this.db, now); }
  createApiToken(t: Omit<ApiToken, 'id' | 'lastUsedAt'>): Promise<ApiToken> { return web.createApiToken(this.db, t); }
  findApiToken(tokenHash: string): Promise<ApiToken | null> { return web.findApiToken(this.db, tokenHash); }
  async touchApiToken(id: number, now: Date): Promise<void> { await this.db.updateTable('api_tokens').set({ last_used_at: now.getTime() }).where('id', '=', id).execute(); }
  listApiTokens(): Promise<ApiToken[]> { return web.listApiTokens(this.db); }
  deleteApiToken(id: number): Promise<boolean> { return web.deleteApiToken(this.db, id); }
  rosterPage(listId: number, role: MemberRole, q: { search?: string; offset: number; limit: number }): Promise<Member[]> { return web.rosterPage(this.db, listId, role, q); }

  // ---- archive ----
  archiveHasDigests(listId: number, sha256s: readonly string[]): Promise<Set<string>> { return archive.hasDigests(this.db, listId, sha256s); }
  addArchiveEntries(e: readonly NewArchiveEntry[]): Promise<number[]> { return this.transaction((tx) => archive.addEntries((tx as KyselyStore).db, this.spec, e)); }
  archiveNodes(listId: number, messageIds: readonly string[]): Promise<ArchiveNode[]> { return archive.nodes(this.db, listId, messageIds); }
  applyArchivePlacement(listId: number, entryId: number, p: ArchivePlacement): Promise<void> { return this.transaction((tx) => archive.applyPlacement((tx as KyselyStore).db, listId, entryId, p)); }
  replaceArchiveThreads(listId: number, placed: Iterable<ArchiveThreadPlacement>, ghosts: Iterable<ArchiveNode>, options: ArchiveThreadsOptions = {}): Promise<{ published: number }> {
    return this.transaction((tx) => archive.replaceThreads((tx as KyselyStore).db, listId, placed, ghosts, options.publish === true));
  }
  archiveSubjectMatch(listId: number, baseSubject: string, before: Date, sinceMs: number): Promise<{ messageId: string; date: Date } | null> { return archive.subjectMatch(this.db, listId, baseSubject, before, sinceMs); }
  archiveEntriesAfter(listId: number, afterNumber: number, limit: number, month?: string): Promise<ArchiveEntry[]> { return archiveRead.entriesAfter(this.db, listId, afterNumber, limit, month); }
  archiveThreadRows(listId: number, after: ArchiveThreadCursor | null, limit: number): Promise<ArchiveThreadRow[]> { return archiveThreadRows.threadRows(this.db, listId, after, limit); }
  publishArchive(listId: number): Promise<number> { return archive.publish(this.db, listId); }
  async refreshArchiveStatistics(options: { vacuum?: boolean } = {}): Promise<void> {
    // An import inserts hidden rows, then places and shows them: on PostgreSQL every row has a dead
    // version after it, and the planner, with no statistics for the new rows, scans a list's rows
    // for a page of 20 (measured: message pages 20 ms, search 47 at 20,000 messages; 2 and 5 after)
    // and sorts all the rows after a rethreading page's cursor to return 500 of them (350 ms a
    // page at 1,000,000). Not in a transaction: VACUUM cannot run in one.
    if (this.dialect !== 'postgres') return;
    await (options.vacuum === false ? sql`ANALYZE archive_messages`
      : sql`VACUUM (ANALYZE) archive_messages, archive_search, archive_ghosts, archive_month_counts, archive_lists, messages`).execute(this.db);
  }
  archiveMonthState(listId: number, month: string): Promise<ArchiveMonthState | null> { return archiveRead.monthState(this.db, listId, month); }
  archiveMonthPage(listId: number, month: string, variant: string): Promise<ArchiveMonthPage | null> { return archiveRead.monthPage(this.db, listId, month, variant); }
  putArchiveMonthPage(listId: number, month: string, variant: string, page: ArchiveMonthPage): Promise<void> { return archiveRead.putMonthPage(this.db, listId, month, variant, page); }
  archiveStaleMonthPages(listId: number, variants: readonly string[]): Promise<Array<{ month: string; generation: number }>> { return archiveRead.staleMonthPages(this.db, listId, variants); }
  archivedLists(): Promise<Array<{ listId: number; count: number }>> { return archiveRead.archivedLists(this.db); }
  archiveMonths(listId: number): Promise<ArchiveMonth[]> { return archiveRead.months(this.db, listId); }
  archiveMonthEntries(listId: number, month: string): Promise<ArchiveEntry[]> { return archiveRead.monthEntries(this.db, listId, month); }
  archiveThreadEntries(listId: number, threadId: string): Promise<ArchiveEntry[]> { return archiveRead.threadEntries(this.db, listId, threadId); }
  archiveMonthRows(listId: number, month: string, order: ArchiveMonthOrder, offset: number, limit: number): Promise<ArchiveIndexRow[]> { return archiveRead.monthRows(this.db, listId, month, order, offset, limit, this.spec.selectArrays); }
  archiveThreadSummaries(listId: number, threadId: string): Promise<ArchiveSummary[]> { return archiveRead.threadSummaries(this.db, listId, threadId, this.spec.selectArrays); }
  getArchiveEntry(listId: number, number: number): Promise<ArchiveEntry | null> { return archiveRead.entryByNumber(this.db, listId, number); }
  findArchiveEntries(listId: number, messageId: string): Promise<ArchiveEntry[]> { return archiveRead.entriesByMessageId(this.db, listId, messageId); }
  archiveDateNeighbours(e: ArchiveEntry): Promise<{ prev: ArchiveEntry | null; next: ArchiveEntry | null }> { return archiveRead.dateNeighbours(this.db, e); }
  searchArchive(q: ArchiveSearchQuery): Promise<ArchiveSearchHit[]> { return archiveRead.search(this.db, this.spec.name, q); }
  rewriteArchiveEntry(id: number, f: ArchiveOverviewFields, text: string): Promise<void> { return this.transaction((tx) => archive.rewriteEntry((tx as KyselyStore).db, this.spec, id, f, text)); }
  archiveQuoteCandidates(listId: number, q: ArchiveQuoteQuery): Promise<ArchiveQuoteCandidate[]> { return archiveQuotes.quoteCandidates(this.db, listId, q); }
  archiveIndexedTexts(ids: readonly number[]): Promise<Array<{ id: number; text: string }>> { return archiveQuotes.indexedTexts(this.db, this.spec.name, ids); }
}
