// API routes for lists and their settings.
import { z } from 'zod';
import { splitAddress } from '../../domain/address.ts';
import { CaucusError } from '../../domain/errors.ts';
import { ListSettings as SettingsSchema, defaultListSettings } from '../../domain/list-settings.ts';
import { route, type ApiRoute } from './route.ts';
import { apiList } from './lookup.ts';
import { listOut } from './present.ts';
import { ListCollection, ListDetail, ListSettings, NewList, SettingsPatch } from './schemas.ts';

const NoQuery = z.object({});

export const LIST_ROUTES: ApiRoute[] = [
  route({
    method: 'get', path: '/lists', summary: 'The lists this token may see', tag: 'lists', response: ListCollection, status: 200,
    async handler({ d, token }) {
      const all = await d.store.listLists();
      return { lists: all.filter((l) => token.listId === null || l.id === token.listId).map(listOut) };
    },
  }),
  route({
    method: 'post', path: '/lists', summary: 'Create a list (site tokens)', tag: 'lists', body: NewList, response: ListDetail, status: 201, siteOnly: true,
    async handler({ d, body }) {
      const { local, domain } = splitAddress(body.address.toLowerCase());
      if (!/^[a-z0-9][a-z0-9._-]*$/.test(local)) throw new CaucusError('invalid', 'a list name uses letters, digits, ".", "_" and "-"');
      const settings = SettingsSchema.parse({ ...defaultListSettings(), ...body.settings });
      const list = await d.store.transaction(async (tx) => {
        const l = await tx.createList({ name: local, domain, settings, createdAt: d.now() });
        for (const o of body.owners) await tx.addMember({ listId: l.id, address: o, role: 'owner' }, d.now(), d.token());
        return l;
      });
      return { ...listOut(list), members: 0, held: 0, requests: 0 };
    },
  }),
  route({
    method: 'get', path: '/lists/{list}', summary: 'One list with its counts', tag: 'lists', query: NoQuery, response: ListDetail, status: 200,
    async handler({ d, token, params }) {
      const l = await apiList(d.store, token, params.list!);
      const requests = (await d.store.listPending(l.id, 'approve_subscription')).filter((p) => p.expiresAt > d.now()).length;
      return { ...listOut(l), members: await d.store.countMembers(l.id, 'member'), held: (await d.store.listHeld(l.id)).length, requests };
    },
  }),
  route({
    method: 'delete', path: '/lists/{list}', summary: 'Delete a list with its members, held posts and archive (site tokens)', tag: 'lists', response: null, status: 204, siteOnly: true,
    async handler({ d, token, params }) {
      await d.store.deleteList((await apiList(d.store, token, params.list!)).id);
      return null;
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/settings', summary: 'Every setting of a list', tag: 'settings', response: ListSettings, status: 200,
    async handler({ d, token, params }) {
      return (await apiList(d.store, token, params.list!)).settings;
    },
  }),
  route({
    method: 'patch', path: '/lists/{list}/settings', summary: 'Change some settings; the whole is validated again', tag: 'settings', body: SettingsPatch, response: ListSettings, status: 200,
    async handler({ d, token, params, body }) {
      const l = await apiList(d.store, token, params.list!);
      const next = SettingsSchema.safeParse({ ...l.settings, ...body });
      if (!next.success) throw new CaucusError('invalid', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return (await d.store.updateListSettings(l.id, next.data)).settings;
    },
  }),
];

