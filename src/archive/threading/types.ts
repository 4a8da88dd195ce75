// Shapes shared by bulk and one-by-one threading. A thread is a tree of nodes keyed by Message-ID;
// a node is a stored message or a "ghost" (a message named in References that the archive does not
// have, RFC 5322 §3.6.4; JWZ's empty container). Thread ids are opaque strings: the Message-ID of
// the node that first started the thread.
import type { Author } from '../parse/author.ts';
import type { QuoteBlock } from '../quotes/body-split.ts';
import type { Attribution } from '../quotes/attribution.ts';

/** How a node found its parent. `subject` and `quote` links are inferred, not stated by the mail. */
export type LinkKind = 'in-reply-to' | 'references' | 'subject' | 'quote' | 'none';

export const isInferredLink = (k: LinkKind): boolean => k === 'subject' || k === 'quote';

/** What threading needs of a message (a subset of ArchiveOverview). */
export interface ThreadMessage {
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
  date: Date;
  /** Base subject (Re:/list tags removed); compared case-insensitively. */
  baseSubject: string;
  isReply: boolean;
  author: Author;
  quotes: readonly QuoteBlock[];
  attribution: Attribution | null;
}

export interface ThreadNode {
  messageId: string;
  threadId: string;
  parentId: string | null;
  ghost: boolean;
  link: LinkKind;
}

/** Read access to the nodes already stored (a Map works). */
export interface NodeLookup {
  get(messageId: string): ThreadNode | undefined;
}

/** Where one message goes, and what else changes with it. */
export interface Placement {
  /** The message's own node. For a duplicate Message-ID this node is for the new copy only. */
  node: ThreadNode;
  /** True when a stored (non-ghost) message already has this Message-ID: store the copy apart. */
  duplicate: boolean;
  /** True when the message fills a ghost: the ghost's row becomes the message's. */
  materialised: boolean;
  /**
   * Other nodes to create or update: new ghosts, ghosts given a parent, and stored roots put under
   * a ghost (their `parentId` changes; `link` says 'references').
   */
  updates: ThreadNode[];
  /** Threads to fold into another: every node with `threadId === from` moves to `into`. */
  merges: Array<{ from: string; into: string }>;
}

/** The message a reply without usable references should hang under, found by subject. */
export interface SubjectMatch {
  messageId: string;
  date: Date;
}

/** An earlier message that a reply might be quoting. */
export interface QuoteCandidate {
  messageId: string;
  author: Author;
  date: Date;
  /** textFingerprint() of its indexed text. */
  fingerprint: Uint32Array;
}
