// What every mailbox reader yields: one message's bytes and where it came from.

export interface RawMessage {
  /** The message as RFC 5322 bytes: no From_ line, escapes undone, separator line removed. */
  raw: Buffer;
  /** The mbox From_ line without its line end, when the source had one. */
  fromLine?: string;
  /** Byte offset of the message (its From_ line) in the uncompressed source; 0 for one-file messages. */
  offset: number;
  /** The file the message was read from, for Maildir and message-per-file trees. */
  path?: string;
}

/** How body lines beginning with "From " were escaped by the writer. */
export type MboxFormat =
  /** RFC 4155 mboxrd: every `^>*From ` got one more `>`; undo one level. */
  | 'mboxrd'
  /** mboxo (and Pipermail): only `^From ` became `>From `; undo exactly that. */
  | 'mboxo'
  /** Leave the bytes as they are. */
  | 'raw';
