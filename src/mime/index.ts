// The MIME toolkit the features use: byte-faithful header editing, RFC 2047 words, address lists,
// content types, transfer encodings, the iterative MIME walk and decoration.
export { splitMessage, findHeaderEnd, detectLineEnding, isFieldStart } from './split-message.ts';
export type { LineEnding, MessageSplit } from './split-message.ts';
export {
  parseHeaderFields,
  serializeHeaders,
  headerBytesToString,
  fieldValue,
  getField,
  getFields,
  getValue,
  hasField,
  removeFields,
  appendFields,
  replaceField,
  makeField,
} from './header-fields.ts';
export type { HeaderField } from './header-fields.ts';
export { decodeEncodedWords, encodedWordCharsets, encodeWords, unstructuredTokens, encodePhrase } from './encoded-words.ts';
export { encodeText, decodeText, isAscii, isAsciiCompatible, isUtf8Charset, isAsciiCharset } from './charset.ts';
export { parseAddressList, formatMailbox } from './address-list.ts';
export {
  parseContentType,
  contentTypeOf,
  charsetOf,
  boundaryOf,
  parseTransferEncoding,
  transferEncodingOf,
  isAttachment,
} from './content-type.ts';
export type { ContentType, TransferEncoding } from './content-type.ts';
export {
  decodeQuotedPrintable,
  encodeQuotedPrintable,
  decodeBase64,
  encodeBase64,
  decodeTransfer,
  encodeTransfer,
} from './transfer-encoding.ts';
export { walkMime, scanMultipart, firstTextPart } from './mime-walk.ts';
export type { MimePart, MultipartLayout, WalkOptions } from './mime-walk.ts';
export { parseMessageId, stableMessageId } from './message-id.ts';
export { compileDecoration } from './decoration/index.ts';
export type { CompiledDecoration, DecorationRequest, DecorationStrategy } from './decoration/index.ts';
