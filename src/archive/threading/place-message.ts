// Places one message in the thread forest (JWZ threading, https://www.jwz.org/doc/threading.html,
// over RFC 5322 §3.6.4 References/In-Reply-To), given the nodes already stored. The same code
// serves a live list (one message as it is posted) and a bulk import (bulk.ts drives it).
// Differences from plain JWZ, each against a known failure:
// - another message's References may position ghosts, and may put a stored root under a ghost,
//   but never move a stored message into another thread (a forged References cannot steal one);
// - In-Reply-To wins over the last reference when it names a stored message;
// - every new link is checked for loops by walking up; loops are dropped, not followed;
// - a duplicate Message-ID is placed by its own headers as a separate node.
import { inferQuotedParent, type InferenceOptions } from './quote-inference.ts';
import type { LinkKind, NodeLookup, Placement, QuoteCandidate, SubjectMatch, ThreadMessage, ThreadNode } from './types.ts';

export interface PlaceContext {
  /**
   * Stored nodes for every id `lookupsFor` names, plus their ancestors (walked to detect loops),
   * plus the nodes of the subject match and the quote candidates when given.
   */
  known: NodeLookup;
  /** Only consulted when the message has no usable references. */
  subjectMatch?: SubjectMatch | null;
  /** Only consulted when the message has no usable references. */
  quoteCandidates?: readonly QuoteCandidate[];
}

export interface PlaceOptions extends InferenceOptions {
  /** Group a reply without references under an earlier message of the same subject (default true). */
  subjectGrouping?: boolean;
  /** Attach a reply without references under the message it quotes (default true). */
  quoteInference?: boolean;
}

/** Ancestor walks stop here; deeper trees are not checked further for loops. */
const MAX_WALK = 100_000;

/** The Message-IDs whose stored nodes `placeMessage` needs (then also their ancestors). */
export function lookupsFor(msg: ThreadMessage): { messageIds: string[]; usableReferences: boolean } {
  const ids = new Set<string>([msg.messageId, ...msg.references]);
  if (msg.inReplyTo) ids.add(msg.inReplyTo);
  return { messageIds: [...ids], usableReferences: ids.size > 1 };
}

/** References, then In-Reply-To when References lacks it (JWZ), without the message itself. */
function referenceChain(msg: ThreadMessage): string[] {
  const seen = new Set<string>();
  const chain: string[] = [];
  for (const r of msg.references) {
    if (r === msg.messageId || seen.has(r)) continue;
    seen.add(r);
    chain.push(r);
  }
  const irt = msg.inReplyTo;
  if (irt && irt !== msg.messageId && !seen.has(irt)) chain.push(irt);
  return chain;
}

/** Places `msg`; see the file comment. Pure: the caller stores the result. */
export function placeMessage(msg: ThreadMessage, ctx: PlaceContext, options: PlaceOptions = {}): Placement {
  const self = msg.messageId;
  const overlay = new Map<string, ThreadNode>();
  const get = (id: string): ThreadNode | undefined => overlay.get(id) ?? ctx.known.get(id);
  const existing = get(self);
  const duplicate = existing !== undefined && !existing.ghost;
  const materialised = existing !== undefined && existing.ghost;

  // Would hanging `child` under `parent` close a loop? Only nodes that already exist can have
  // descendants; for a duplicate the new copy has none.
  const loops = (child: string, parent: string): boolean => {
    if (child === parent) return true;
    if (child === self && duplicate) return false;
    let cur: string | null = parent;
    for (let steps = 0; cur !== null && steps < MAX_WALK; steps++) {
      if (cur === child) return true;
      cur = get(cur)?.parentId ?? null;
    }
    return false;
  };

  const chain = referenceChain(msg);
  let parent: string | null = null;
  let link: LinkKind = 'none';
  if (chain.length > 0) {
    const irt = msg.inReplyTo;
    const irtNode = irt ? get(irt) : undefined;
    if (irt && irt !== self && irtNode && !irtNode.ghost) { parent = irt; link = 'in-reply-to'; }
    else {
      parent = chain[chain.length - 1] ?? null;
      link = parent === irt && !msg.references.includes(parent ?? '') ? 'in-reply-to' : 'references';
    }
    if (parent !== null && existing && loops(self, parent)) { parent = null; link = 'none'; }
  }

  // Walk up from the parent along the reference chain, creating or linking ghosts, until a node
  // that has its place. A stored root (a message whose own headers name no parent) may go under a
  // ghost that is new or already in its thread, and the walk then stays in that thread: others'
  // References may say where a missing message sits, never pull a stored thread into another.
  const touchedThreads: string[] = [];
  const path: ThreadNode[] = [];
  let storedThread: string | null = null;
  let top: string | null = parent;
  let k = parent === null ? -1 : chain.lastIndexOf(parent);
  while (top !== null) {
    const node = get(top);
    if (node && node.parentId !== null) break;
    const up = k > 0 ? (chain[k - 1] ?? null) : null;
    const upNode = up !== null ? get(up) : undefined;
    const stored = node !== undefined && !node.ghost;
    let allowed = up !== null && up !== self && !(node !== undefined && loops(top, up));
    if (allowed && stored) allowed = upNode === undefined || (upNode.ghost && upNode.threadId === node.threadId);
    // In-Reply-To missing from References says nothing about where References' last id sits.
    if (allowed && stored && top === parent && !msg.references.includes(parent)) allowed = false;
    if (allowed && storedThread !== null && upNode) allowed = upNode.threadId === storedThread;
    if (stored && !allowed) break;
    if (stored) storedThread = node.threadId;
    const g: ThreadNode = node ? { ...node } : { messageId: top, threadId: top, parentId: null, ghost: true, link: 'none' };
    if (node) touchedThreads.push(node.threadId);
    if (allowed) { g.parentId = up; g.link = 'references'; }
    overlay.set(top, g);
    path.push(g);
    if (!allowed) break;
    top = up;
    k--;
  }

  // No usable references: try the quoted message, then the subject.
  if (parent === null && chain.length === 0 && !duplicate && !(existing && existing.parentId !== null)) {
    const inferred = inferParent(msg, ctx, options, get);
    if (inferred && !(existing && loops(self, inferred.messageId))) { parent = inferred.messageId; link = inferred.link; top = parent; }
  }

  // Thread: the one the path ends in; else the ghost's own; else a new one.
  const topNode = top !== null ? get(top) : undefined;
  let threadId: string;
  if (topNode && !path.includes(topNode)) threadId = topNode.threadId;
  else if (storedThread !== null) threadId = storedThread;
  else if (materialised && existing) threadId = existing.threadId;
  else if (touchedThreads.length > 0) threadId = touchedThreads[0] ?? self;
  else if (duplicate && existing && parent === null) threadId = existing.threadId;
  else threadId = path.length > 0 ? (path[path.length - 1]?.messageId ?? self) : self;

  const merges: Array<{ from: string; into: string }> = [];
  const fold = (t: string): void => {
    if (t !== threadId && !merges.some((m) => m.from === t)) merges.push({ from: t, into: threadId });
  };
  if (materialised && existing) fold(existing.threadId);
  for (const t of touchedThreads) fold(t);
  for (const g of path) g.threadId = threadId;

  let node: ThreadNode;
  if (duplicate && existing && parent === null) {
    node = { messageId: self, threadId, parentId: existing.parentId, ghost: false, link: existing.link };
  } else if (materialised && existing && parent === null) {
    // Its own headers say nothing: keep the place others' References gave it.
    node = { messageId: self, threadId, parentId: existing.parentId, ghost: false, link: existing.parentId ? 'references' : 'none' };
  } else {
    node = { messageId: self, threadId, parentId: parent, ghost: false, link: parent ? link : 'none' };
  }
  return { node, duplicate, materialised, updates: path, merges };
}

function inferParent(
  msg: ThreadMessage,
  ctx: PlaceContext,
  options: PlaceOptions,
  get: (id: string) => ThreadNode | undefined,
): { messageId: string; link: LinkKind } | null {
  if (options.quoteInference !== false && ctx.quoteCandidates && ctx.quoteCandidates.length > 0 && msg.quotes.length > 0) {
    const q = inferQuotedParent(msg, ctx.quoteCandidates.filter((c) => c.messageId !== msg.messageId), options);
    if (q && get(q.messageId)) return { messageId: q.messageId, link: 'quote' };
  }
  const s = ctx.subjectMatch;
  if (options.subjectGrouping !== false && s && msg.isReply && s.messageId !== msg.messageId
    && s.date.getTime() <= msg.date.getTime() && get(s.messageId)) {
    return { messageId: s.messageId, link: 'subject' };
  }
  return null;
}
