// Reads a raw message into the flat view bounce detectors need: the top header block and every
// MIME part in walk order with its decoded text. Iterative with depth and count limits (nothing
// recurses on mail from strangers); message/rfc822 parts are opened as enclosed messages.
import { parseHeaderBlock, parseStructured, emptyFields, type HeaderFields } from './header-fields.ts';
import { decodeTransfer, decodeCharset } from './body-decoding.ts';
import { splitMultipart } from './split-multipart.ts';

export interface MailPart {
  /** Lower-cased media type; containers included ("multipart/report", "message/rfc822"). */
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: HeaderFields;
  /** How many enclosed messages (message/rfc822) contain this part: 0 is the report itself. */
  readonly enclosed: number;
  /** Decoded text of a leaf part that holds text; '' for containers and binary parts. */
  readonly text: string;
  /** The outermost part of an enclosed message: its headers are that message's headers. */
  readonly messageRoot: boolean;
}

export interface BounceMail {
  readonly headers: HeaderFields;
  readonly type: string;
  readonly parts: readonly MailPart[];
}

const MAX_RAW = 8 * 1024 * 1024;
const MAX_DEPTH = 12;
const MAX_PARTS = 300;

const TEXTUAL = /^(?:text\/|message\/(?:delivery-status|global-delivery-status|feedback-report|disposition-notification|global-headers|rfc822-headers|global-disposition-notification)$)/;

interface Task {
  raw: string;
  enclosed: number;
  depth: number;
  defaultType: string;
  root: boolean;
}

function leafText(headers: HeaderFields, type: string, params: Record<string, string>, body: string): string {
  const textFile = type === 'application/octet-stream' && /\.txt$/i.test(params['name'] ?? '');
  if (!TEXTUAL.test(type) && !textFile) return '';
  const bytes = decodeTransfer(body, headers.get('content-transfer-encoding'));
  // RFC 6533: the global types are UTF-8 whatever else is declared.
  const charset = type.startsWith('message/global') ? 'utf-8' : params['charset'];
  return decodeCharset(bytes, charset);
}

/**
 * A multipart whose boundary parameter was lost (split onto an unindented line, say): the body's
 * first "--token" line or a stray "boundary=" line tells what it was.
 */
function guessBoundary(body: string): string | undefined {
  const param = /^\s*boundary\s*=\s*"?([^"\n;]+)"?/im.exec(body.slice(0, 2000));
  if (param?.[1]) return param[1].trim();
  const line = /^--([^\s-][^\s]{5,}|-{2,}[^\s]{5,})\s*$/m.exec(body.slice(0, 4000));
  return line?.[1];
}

/** Never throws: anything unreadable becomes an empty or partial view. */
export function readMail(input: Buffer): BounceMail {
  const raw = input.subarray(0, MAX_RAW).toString('latin1').replace(/\r\n?/g, '\n');
  const parts: MailPart[] = [];
  let top: HeaderFields = emptyFields;
  let topType = 'text/plain';
  const stack: Task[] = [{ raw, enclosed: 0, depth: 0, defaultType: 'text/plain', root: false }];
  let first = true;
  while (stack.length > 0 && parts.length < MAX_PARTS) {
    const task = stack.pop();
    if (!task) break;
    const { fields, bodyStart } = parseHeaderBlock(task.raw, first);
    const ct = parseStructured(fields.get('content-type'));
    const type = ct.value.includes('/') ? ct.value : task.defaultType;
    const body = task.raw.slice(bodyStart);
    if (first) {
      top = fields;
      topType = type;
      first = false;
    }
    const boundary = ct.params['boundary'] ?? (type.startsWith('multipart/') ? guessBoundary(body) : undefined);
    if (type.startsWith('multipart/') && boundary && task.depth < MAX_DEPTH) {
      const children = splitMultipart(body, boundary);
      if (children.length > 0) {
        parts.push({ type, params: ct.params, headers: fields, enclosed: task.enclosed, text: '', messageRoot: task.root });
        const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
        for (let i = children.length - 1; i >= 0; i--) {
          stack.push({ raw: children[i] ?? '', enclosed: task.enclosed, depth: task.depth + 1, defaultType: childDefault, root: false });
        }
        continue;
      }
      // A multipart without its boundary is read as the text it really is.
      parts.push({ type: 'text/plain', params: ct.params, headers: fields, enclosed: task.enclosed, text: decodeCharset(body, ct.params['charset']), messageRoot: task.root });
      continue;
    }
    if ((type === 'message/rfc822' || type === 'message/global') && task.depth < MAX_DEPTH) {
      parts.push({ type, params: ct.params, headers: fields, enclosed: task.enclosed, text: '', messageRoot: task.root });
      const inner = decodeTransfer(body, fields.get('content-transfer-encoding'));
      stack.push({ raw: inner, enclosed: task.enclosed + 1, depth: task.depth + 1, defaultType: 'text/plain', root: true });
      continue;
    }
    parts.push({ type, params: ct.params, headers: fields, enclosed: task.enclosed, text: leafText(fields, type, ct.params, body), messageRoot: task.root });
  }
  return { headers: top, type: topType, parts };
}
