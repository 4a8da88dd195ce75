// A worker thread of the import's preparing pool: receives batches of raw messages, answers with
// their overview fields, search text and compressed bytes (prepare-message.ts).
import { parentPort } from 'node:worker_threads';
import { prepareMessage } from './prepare-message.ts';
import { fromRequest, toResponse, type PrepareRequest, type PrepareResponse } from './wire.ts';

const port = parentPort;
if (port) {
  port.on('message', (r: PrepareRequest) => {
    let answer: PrepareResponse;
    try {
      const now = new Date(r.now);
      answer = toResponse(r.id, fromRequest(r).map((item) => prepareMessage(item, r.list, now)));
    } catch (e) {
      answer = { id: r.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(answer, answer.ok ? [answer.bytes] : []);
  });
}
