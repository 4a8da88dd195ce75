// Shapes shared by the decoration compilers: what the caller asks to put in, and the compiled result
// whose renderBody is cheap enough to call once per recipient.
import type { HeaderField } from '../header-fields.ts';
import type { LineEnding } from '../split-message.ts';

export interface DecorationRequest {
  /** Whether a text goes before the content. */
  header: boolean;
  /** Whether a text goes after the content. */
  footer: boolean;
  /** Representative text (the templates) used to decide whether the texts fit the message's charset. */
  sample: string;
}

export type DecorationStrategy = 'none' | 'inline' | 'append-parts' | 'wrap';

export interface CompiledDecoration {
  strategy: DecorationStrategy;
  /** Top-level header fields of the decorated message (Content-Type may differ from the input's). */
  headers: HeaderField[];
  /** The message's line ending, for fields the caller adds. */
  eol: LineEnding;
  /** The empty line between header block and body. */
  separator: Buffer;
  /**
   * The body with `header` and `footer` put in (texts use `\n` line breaks; an empty string puts
   * nothing), as pieces to concatenate after the separator.
   */
  renderBody(header: string, footer: string): Buffer[];
}
