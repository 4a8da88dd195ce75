// Opens a mailbox file as a stream of byte chunks, gunzipping transparently when the file starts
// with the gzip magic bytes (RFC 1952 §2.3.1), whatever its name.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export type ByteSource = string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const CHUNK = 1 << 20;

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Chunks of a file (gunzipped when it is gzip) or of an iterable passed through. */
export async function* openBytes(source: ByteSource): AsyncGenerator<Buffer> {
  if (typeof source !== 'string') {
    for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return;
  }
  const file = createReadStream(source, { highWaterMark: CHUNK });
  if (!(await isGzip(source))) {
    for await (const chunk of file) yield chunk as Buffer;
    return;
  }
  // Node's gunzip reads concatenated gzip members too, as `cat a.gz b.gz` produces.
  const gunzip = createGunzip({ chunkSize: CHUNK });
  file.on('error', (e) => gunzip.destroy(e));
  file.pipe(gunzip);
  for await (const chunk of gunzip) yield chunk as Buffer;
}
