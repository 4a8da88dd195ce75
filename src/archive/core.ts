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

export { placeMessage, lookupsFor, type PlaceContext, type PlaceOptions } from './threading/place-message.ts';
export { threadMessages, type BulkOptions, type BulkThreadMessage, type BulkThreads, type ThreadedMessage } from './threading/bulk.ts';
export { inferQuotedParent, type InferredParent, type QuoteEvidence } from './threading/quote-inference.ts';
export {
  isInferredLink, type LinkKind, type NodeLookup, type Placement, type QuoteCandidate, type SubjectMatch,
  type ThreadMessage, type ThreadNode,
} from './threading/types.ts';
