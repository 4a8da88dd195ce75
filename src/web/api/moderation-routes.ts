// API routes for the moderation queue: held posts and subscription requests.
import { CaucusError } from '../../domain/errors.ts';
import { approvePending, refusePending } from '../../subscriptions/index.ts';
import { actOnHeld } from '../admin/held-actions.ts';
import { heldView } from '../admin/held-view.ts';
import { route, type ApiRoute } from './route.ts';
import { apiHeld, apiList } from './lookup.ts';
import { heldOut, requestOut } from './present.ts';
import { HeldCollection, HeldDecision, HeldDetail, HeldOutcome, RequestCollection, RequestDecision, RequestOutcome } from './schemas.ts';

export const MODERATION_ROUTES: ApiRoute[] = [
  route({
    method: 'get', path: '/lists/{list}/held', summary: 'Posts waiting for a moderator', tag: 'moderation', response: HeldCollection, status: 200,
    async handler({ d, token, params }) {
      const l = await apiList(d.store, token, params.list!);
      return { held: (await d.store.listHeld(l.id)).map(heldOut) };
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/held/{id}', summary: 'One held post: headers, text, attachments and the rules that held it', tag: 'moderation', response: HeldDetail, status: 200,
    async handler({ d, token, params }) {
      const l = await apiList(d.store, token, params.list!);
      const m = await apiHeld(d.store, l, params.id!);
      return { ...heldOut(m), ...(await heldView((await d.store.getRaw(m.id)) ?? Buffer.alloc(0))) };
    },
  }),
  route({
    method: 'post', path: '/lists/{list}/held/{id}', summary: 'Decide on a held post', tag: 'moderation', body: HeldDecision, response: HeldOutcome, status: 200,
    async handler({ d, token, params, body }) {
      const l = await apiList(d.store, token, params.list!);
      const m = await apiHeld(d.store, l, params.id!);
      await actOnHeld(d, l, m.id, body.action, body.reason);
      d.wake?.();
      return { id: m.id, action: body.action, state: (await d.store.getMessage(m.id))?.state ?? 'unknown' };
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/requests', summary: 'Subscription requests waiting for approval', tag: 'moderation', response: RequestCollection, status: 200,
    async handler({ d, token, params }) {
      const l = await apiList(d.store, token, params.list!);
      return { requests: (await d.store.listPending(l.id, 'approve_subscription')).filter((p) => p.expiresAt > d.now()).map(requestOut) };
    },
  }),
  route({
    method: 'post', path: '/lists/{list}/requests/{token}', summary: 'Approve or refuse a subscription request', tag: 'moderation', body: RequestDecision, response: RequestOutcome, status: 200,
    async handler({ d, token, params, body }) {
      const l = await apiList(d.store, token, params.list!);
      const p = await d.store.getPending(params.token!);
      if (!p || p.listId !== l.id || p.kind !== 'approve_subscription') throw new CaucusError('not_found', 'no such subscription request');
      const r = body.action === 'approve' ? await approvePending(d, p.token) : await refusePending(d, p.token, body.reason);
      d.wake?.();
      if (!r.ok) throw new CaucusError(r.error === 'banned' ? 'forbidden' : r.error === 'expired' ? 'conflict' : 'not_found', r.message);
      return { outcome: r.outcome, address: r.address, message: r.message };
    },
  }),
];
