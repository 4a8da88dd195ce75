// API routes for members, owners and moderators of a list.
import { CaucusError } from '../../domain/errors.ts';
import { subscribeNow, unsubscribeNow } from '../../subscriptions/index.ts';
import { route, type ApiRoute } from './route.ts';
import { apiList, apiMember } from './lookup.ts';
import { memberOut } from './present.ts';
import { Member, MemberChange, MemberCollection, MemberQuery, NewMember, RoleQuery } from './schemas.ts';

export const MEMBER_ROUTES: ApiRoute[] = [
  route({
    method: 'get', path: '/lists/{list}/members', summary: 'Members (or owners, moderators) by address, searched and paged', tag: 'members',
    query: MemberQuery, response: MemberCollection, status: 200,
    async handler({ d, token, params, query }) {
      const l = await apiList(d.store, token, params.list!);
      const members = await d.store.rosterPage(l.id, query.role, { offset: query.offset, limit: query.limit, ...(query.search ? { search: query.search } : {}) });
      return { members: members.map(memberOut), total: await d.store.countMembers(l.id, query.role), offset: query.offset, limit: query.limit };
    },
  }),
  route({
    method: 'post', path: '/lists/{list}/members', summary: 'Add a member, owner or moderator at once (no confirmation)', tag: 'members',
    body: NewMember, response: Member, status: 201,
    async handler({ d, token, params, body }) {
      const l = await apiList(d.store, token, params.list!);
      if (await d.store.getMember(l.id, body.address, body.role)) throw new CaucusError('conflict', `${body.address} is already a ${body.role} of ${l.address}`);
      if (body.role !== 'member') return memberOut(await d.store.addMember({ listId: l.id, address: body.address, role: body.role }, d.now(), d.token()));
      const { member } = await subscribeNow(d, l, { address: body.address, displayName: body.displayName, deliveryMode: body.deliveryMode }, { notice: body.welcome });
      d.wake?.();
      return memberOut(member);
    },
  }),
  route({
    method: 'get', path: '/lists/{list}/members/{address}', summary: 'One membership', tag: 'members', query: RoleQuery, response: Member, status: 200,
    async handler({ d, token, params, query }) {
      const l = await apiList(d.store, token, params.list!);
      return memberOut(await apiMember(d.store, l, params.address!, query.role));
    },
  }),
  route({
    method: 'patch', path: '/lists/{list}/members/{address}', summary: 'Change a member\'s options or moderation', tag: 'members',
    query: RoleQuery, body: MemberChange, response: Member, status: 200,
    async handler({ d, token, params, query, body }) {
      const l = await apiList(d.store, token, params.list!);
      const m = await apiMember(d.store, l, params.address!, query.role);
      const reason = body.deliveryEnabled === true ? { disabledReason: null } : body.deliveryEnabled === false && m.deliveryEnabled ? { disabledReason: 'turned off by an owner' } : {};
      return memberOut(await d.store.updateMember(m.id, { ...body, ...reason }));
    },
  }),
  route({
    method: 'delete', path: '/lists/{list}/members/{address}', summary: 'End a membership (no goodbye message)', tag: 'members', query: RoleQuery, response: null, status: 204,
    async handler({ d, token, params, query }) {
      const l = await apiList(d.store, token, params.list!);
      const m = await apiMember(d.store, l, params.address!, query.role);
      if (m.role === 'member') await unsubscribeNow(d, l, m, { notice: false });
      else await d.store.removeMember(m.id);
      return null;
    },
  }),
];
