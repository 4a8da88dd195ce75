// A worker thread of the import's preparing pool: receives batches of raw messages, answers with
// their overview fields, search text and compressed bytes (prepare-message.ts).
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { prepareBatch } from './prepare-message.ts';
import { fromRequest, toResponse, type PrepareReady, type PrepareRequest, type PrepareResponse } from './wire.ts';

/** Input bytes between two full collections, as the importing thread does (ImportOptions.reclaim). */
const RECLAIM_EVERY = 32 << 20;

/** V8's full collection when the process exposed it (archive-main.ts does), else nothing. */
function fullCollection(): () => void {
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? () => void gc() : () => {};
}

const port = parentPort;
if (port) {
  const reclaim = fullCollection();
  let since = 0;
  port.on('message', (r: PrepareRequest) => {
    let answer: PrepareResponse;
    try {
      const now = new Date(r.now);
      answer = toResponse(r.id, prepareBatch(r.list, now, fromRequest(r)));
    } catch (e) {
      answer = { id: r.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    since += r.bytes.byteLength;
    port.postMessage(answer, answer.ok ? [answer.bytes] : []);
    if (since >= RECLAIM_EVERY) {
      since = 0;
      reclaim();
    }
  });
  const ready: PrepareReady = { ready: true };
  port.postMessage(ready);
}
