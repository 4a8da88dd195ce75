// The shapes of the post transforms: a message draft (raw header fields plus body bytes) and the
// context every transform reads. Transforms are pure: draft in, new draft out.
import type { AuthSummary, DmarcFact } from '../../domain/authentication.ts';
import type { MailingList } from '../../domain/list.ts';
import type { Site } from '../../domain/site.ts';
import type { HeaderField, LineEnding } from '../../mime/index.ts';

export interface MessageDraft {
  /** Header fields in order, each keeping its raw bytes. */
  readonly headers: readonly HeaderField[];
  /** The empty line between header and body as received (CRLF, LF or none). */
  readonly separator: Buffer;
  readonly body: Buffer;
  /** The message's own line ending, used for every field and line a transform writes. */
  readonly eol: LineEnding;
  /** The message exactly as received; read (Message-ID hash, DKIM comparison), never changed. */
  readonly source: Buffer;
}

export interface TransformContext {
  readonly list: MailingList;
  readonly site: Site;
  /** The post's number in the list's archive ({sequence} in the subject prefix); null when not known. */
  readonly sequence: number | null;
  /**
   * How a moderator approved the post, when the approval rule knows it. `body-line` tells strip-approval
   * that the first body line holds the password even when the list has no password set any more.
   */
  readonly approvedVia?: 'header' | 'body-line' | null;
  /** The author domain's DMARC policy, looked up before preparing (dmarc-mitigation); null: not known. */
  readonly dmarc?: DmarcFact | null;
  /** What checking the post as received found (authentication-results); null: not checked. */
  readonly auth?: AuthSummary | null;
}

export type Transform = (msg: MessageDraft, ctx: TransformContext) => MessageDraft;

export interface NamedTransform {
  /** Equals the file name. */
  readonly name: string;
  readonly apply: Transform;
}
