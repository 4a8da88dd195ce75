// Raw messages are kept byte for byte but compressed: brotli at quality 1 costs little CPU and
// halves typical mail (see docs/performance.md). Small messages are kept as they are.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export type Codec = 'none' | 'br';

export function encodeRaw(raw: Buffer): { data: Buffer; codec: Codec } {
  if (raw.length < 512) return { data: raw, codec: 'none' };
  const data = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  return data.length < raw.length ? { data, codec: 'br' } : { data: raw, codec: 'none' };
}

export function decodeRaw(data: Buffer, codec: string): Buffer {
  if (codec === 'br') return brotliDecompressSync(data);
  return Buffer.from(data);
}
