// Record types of the Store interface for archive; store/types.ts re-exports them.
import type { StoredRaw } from '../../domain/raw-codec.ts';

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
  /** The raw bytes, encoded: stored as a new `archived` message unless `rawId` names one already kept (a post). */
  stored: StoredRaw | null;
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

/**
 * A month's readable messages and its generation: a number that grows, in the writing transaction,
 * with every change to what the month's indexes show (messages coming or going, a number, parent,
 * subject, author or date changing). Pages rendered after reading it may be served again while
 * it is unchanged.
 */
export interface ArchiveMonthState { count: number; generation: number }

/** A month index page kept rendered (archive_month_pages): its rows' HTML, compressed by the web layer. */
export interface ArchiveMonthPage {
  /** The month's generation (ArchiveMonthState) read before the rows were. */
  generation: number;
  rows: number;
  first: Date | null;
  last: Date | null;
  html: Buffer;
}

/** What bulk threading reads of a readable archive row (archiveThreadRows): no text, no raw. */
export interface ArchiveThreadRow {
  id: number;
  number: number;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  date: Date;
  baseSubject: string;
  isReply: boolean;
  authorName: string;
  authorAddress: string;
  /** Quote evidence (see ArchiveOverviewFields.threadData). */
  threadData: string | null;
}

/** Where a page of archiveThreadRows ended: the next page starts after this date and number. */
export interface ArchiveThreadCursor {
  date: Date;
  number: number;
}

/** One entry's place in the thread forest, as replaceArchiveThreads writes it. */
export interface ArchiveThreadPlacement {
  id: number;
  threadId: string;
  parentId: string | null;
  link: ArchiveLink;
  duplicate: boolean;
}

export interface ArchiveThreadsOptions {
  /**
   * Shows the placed rows that are hidden (an import's) in the same write: on PostgreSQL an update
   * writes a new version of its row, so placing and then publishing would write each row twice.
   */
  publish?: boolean;
}

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

/** What an index, outline or feed shows of a message: its overview row without the body facts. */
export type ArchiveSummary = Pick<ArchiveEntry, 'id' | 'listId' | 'number' | 'rawId' | 'month' | 'messageId' | 'duplicate' | 'threadId'
  | 'parentId' | 'subject' | 'baseSubject' | 'authorName' | 'authorAddress' | 'date' | 'size'>;

/** What a month index shows of a message and orders it by: the few columns it reads per row. */
export type ArchiveIndexRow = Pick<ArchiveEntry, 'id' | 'number' | 'month' | 'messageId' | 'duplicate' | 'parentId' | 'subject' | 'authorName' | 'authorAddress' | 'date'>;

/**
 * Orders of a month's index: by date, by base subject (case-insensitive) or by author (name, else
 * address), ties by date. (A thread index is a slice by date put in reply order by the page.)
 */
export type ArchiveMonthOrder = 'date' | 'subject' | 'author';

/** A placement as the store applies it (see archive/core.ts): node, upserts, thread merges. */
export interface ArchivePlacement {
  node: ArchiveNode;
  duplicate: boolean;
  updates: ArchiveNode[];
  merges: Array<{ from: string; into: string }>;
}

/**
 * Which posts a reply without references may be quoting (archiveQuoteCandidates): posts of the
 * list dated within [from, to], threaded, not duplicate copies, and by one of the addresses, or
 * with one of the name words in the author's name, or dated within one of the spans.
 */
export interface ArchiveQuoteQuery {
  from: Date;
  to: Date;
  /** Matched case-insensitively with the whole author address. */
  addresses: readonly string[];
  /** Lower-case words, matched as parts of the author's name (the caller checks whole words). */
  nameWords: readonly string[];
  dates: ReadonlyArray<{ from: Date; to: Date }>;
  /** At most this many, newest first. */
  limit: number;
}

export interface ArchiveQuoteCandidate {
  id: number;
  messageId: string;
  authorName: string;
  authorAddress: string;
  date: Date;
}
