// The archive's store-independent core, as the rest of the system uses it: mailbox readers and
// the mboxrd writer, message dates, overview extraction, quote analysis and threading.

export { readMbox, type MboxOptions } from './readers/mbox-reader.ts';
export { readPipermail, isPipermailPeriodFile } from './readers/pipermail-reader.ts';
export { readMaildir, readMessageTree } from './readers/maildir-reader.ts';
export { formatMboxrd, writeMboxrd, type MboxrdEntry } from './readers/mboxrd-writer.ts';
export { asctime, envelopeSender, formatEnvelope, isDatedEnvelope } from './readers/envelope.ts';
export type { ByteSource } from './readers/byte-source.ts';
export type { MboxFormat, RawMessage } from './readers/raw-message.ts';

export { resolveMessageDate, receivedDate, envelopeDate, type DateEvidence, type DateSource, type MessageDate } from './dates.ts';
export { parseDateText, type ParsedDate } from './date-text.ts';

export { extractOverview, overviewFingerprint, syntheticMessageId, type ArchiveOverview, type OverviewContext } from './overview.ts';
export { extractOverviewThorough } from './overview-thorough.ts';
export { parseAuthor, restoreAtAddress, type Author } from './parse/author.ts';
export { decodeHeader } from './parse/encoded-words.ts';
export { cleanReferences, messageIdsIn, normaliseMessageId, parseMessageId } from './parse/message-ids.ts';
export { subjectKey, subjectParts, type SubjectParts } from './parse/subject.ts';

export { splitBody, type BodySplit, type QuoteBlock } from './quotes/body-split.ts';
export type { Attribution, AttributionStyle } from './quotes/attribution.ts';
export { textFingerprint } from './quotes/fingerprint.ts';

// Threading a live list, one message at a time:
//   1. ids = lookupsFor(overview).messageIds; fetch the stored nodes (messages and ghosts) with those
//      ids and their ancestors (a recursive query);
//   2. when lookupsFor(...).usableReferences is false, also fetch a SubjectMatch (the first post of
//      the latest run of the same subjectKey within 30 days) and QuoteCandidates (earlier posts by
//      the attribution's author, or near its date, with overviewFingerprint(text)), and their nodes;
//   3. p = placeMessage(overview, { known, subjectMatch, quoteCandidates }); in one transaction store
//      p.node (a new row when p.duplicate), upsert p.updates, and for each p.merges entry move every
//      node of thread `from` to `into`. MemoryThreadStore.apply is the reference.
// A bulk import calls threadMessages(overviews) instead, which does the same in memory.
export { placeMessage, lookupsFor, type PlaceContext, type PlaceOptions } from './threading/place-message.ts';
export { MemoryThreadStore } from './threading/memory-store.ts';
export { threadMessages, type BulkOptions, type BulkThreadMessage, type BulkThreads, type ThreadedMessage } from './threading/bulk.ts';
export { inferQuotedParent, type InferredParent, type QuoteEvidence } from './threading/quote-inference.ts';
export {
  isInferredLink, type LinkKind, type NodeLookup, type Placement, type QuoteCandidate, type SubjectMatch,
  type ThreadMessage, type ThreadNode,
} from './threading/types.ts';
