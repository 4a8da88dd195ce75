// Site administration: create and delete lists (with their first owner), the job queue by state
// with dead jobs to retry, recent delivery failures across lists, the accounts, and a link to the
// API tokens (tokens.tsx).
import { isValidAddress, splitAddress } from '../../domain/address.ts';
import { isCaucusError } from '../../domain/errors.ts';
import { defaultListSettings } from '../../domain/list-settings.ts';
import { QUEUES, type JobState } from '../../store/types.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath } from '../list-ref.ts';
import { formChecked, formText } from '../form.ts';
import { requireSiteAdmin } from './guard.ts';
import { refuse } from './list-nav.tsx';
import { TOKENS_PATH } from './tokens.tsx';

const STATES: JobState[] = ['pending', 'running', 'done', 'dead'];
const when = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 16);

async function sitePage(c: WebContext, d: WebDeps, note: string | null, error: string | null) {
  const lists = await d.store.listLists();
  const counts = await d.store.jobCounts();
  const count = (q: string, s: string) => counts.find((x) => x.queue === q && x.state === s)?.count ?? 0;
  const dead = await d.store.listJobs('dead', 20);
  const failures = (await Promise.all(lists.map((l) => d.store.listDeliveryFailures(l.id, 10).then((fs) => fs.map((f) => ({ ...f, list: l.address })))))).flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 20);
  const accounts = await d.store.listAccounts();
  const tokens = await d.store.listApiTokens();
  const csrf = c.get('csrf');
  return render(c, d, S.siteTitle, (
    <>
      <p class="muted"><a href="/admin/">{S.dashboardTitle}</a> › {S.siteTitle}</p>
      <h1>{S.siteTitle}</h1>
      {note ? <p class="note" role="status">{note}</p> : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
      <h2>{S.siteLists(lists.length)}</h2>
      <div class="scroll"><table>
        <thead><tr><th scope="col">{S.colList}</th><th scope="col">{S.siteDelete}</th></tr></thead>
        <tbody>{lists.map((l) => (
          <tr>
            <td><a href={`${adminListPath(l)}/held`}>{l.address}</a></td>
            <td>
              <form method="post" action="/admin/site/delete-list" class="actions">
                <Csrf token={csrf} />
                <input type="hidden" name="list" value={l.address} />
                <input type="checkbox" id={`del-${l.id}`} name="confirm" /> <label for={`del-${l.id}`} style="font-weight:400">{S.siteDeleteConfirm}</label>
                <button type="submit" class="danger" aria-label={S.siteDeleteOne(l.address)}>{S.siteDelete}</button>
              </form>
            </td>
          </tr>
        ))}</tbody>
      </table></div>
      <h2>{S.siteCreate}</h2>
      <form method="post" action="/admin/site/create-list">
        <Csrf token={csrf} />
        <div class="field"><label for="new-list">{S.siteListAddress}</label><br /><input id="new-list" name="address" type="email" required size={32} placeholder="name@lists.example.org" /></div>
        <div class="field"><label for="new-owner">{S.siteFirstOwner}</label><br /><input id="new-owner" name="owner" type="email" size={32} /></div>
        <button type="submit" class="primary">{S.siteCreateButton}</button>
      </form>
      <h2>{S.siteQueue}</h2>
      <div class="scroll"><table>
        <thead><tr><th scope="col">{S.siteQueueName}</th>{STATES.map((s) => <th scope="col">{s}</th>)}</tr></thead>
        <tbody>{QUEUES.map((q) => <tr><th scope="row">{q}</th>{STATES.map((s) => <td>{s === 'dead' && count(q, s) > 0 ? <strong>{count(q, s)}</strong> : count(q, s)}</td>)}</tr>)}</tbody>
      </table></div>
      {dead.length ? (
        <form method="post" action="/admin/site/retry">
          <Csrf token={csrf} />
          <h3>{S.siteDead}</h3>
          <ul>{dead.map((j) => <li>#{j.id} {j.queue}: {j.lastError ?? ''}</li>)}</ul>
          <button type="submit">{S.siteRetry}</button>
        </form>
      ) : null}
      <h2>{S.siteFailures}</h2>
      {failures.length === 0 ? <p>{S.siteNoFailures}</p> : (
        <div class="scroll"><table>
          <thead><tr><th scope="col">{S.siteWhen}</th><th scope="col">{S.colList}</th><th scope="col">{S.siteRecipient}</th><th scope="col">{S.siteResponse}</th></tr></thead>
          <tbody>{failures.map((f) => <tr><td>{when(f.at)}</td><td>{f.list}</td><td>{f.recipient}</td><td>{f.response}</td></tr>)}</tbody>
        </table></div>
      )}
      <h2>{S.siteAccounts}</h2>
      <ul>{accounts.map((a) => <li>{a.address}{a.siteAdmin ? ` (${S.roleSiteAdmin})` : ''}{a.passwordHash ? '' : ` — ${S.siteNoPassword}`}</li>)}</ul>
      <h2>{S.siteTokens}</h2>
      <p><a href={TOKENS_PATH}>{S.siteTokensLink(tokens.length)}</a></p>
    </>
  ));
}

export function mountSite(app: WebApp, d: WebDeps): void {
  app.use('/admin/site/*', async (c, next) => {
    if (!(await requireSiteAdmin(c, d))) return refuse(c, d, 'forbidden');
    await next();
  });
  app.get('/admin/site', async (c) => ((await requireSiteAdmin(c, d)) ? sitePage(c, d, null, null) : refuse(c, d, 'forbidden')));
  app.post('/admin/site/create-list', async (c) => {
    const form = await c.req.parseBody();
    const address = formText(form, 'address', 320).toLowerCase();
    const owner = formText(form, 'owner', 320);
    if (!isValidAddress(address)) return sitePage(c, d, null, S.notAnAddress(address));
    const { local, domain } = splitAddress(address);
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(local)) return sitePage(c, d, null, S.siteBadName);
    if (owner && !isValidAddress(owner)) return sitePage(c, d, null, S.notAnAddress(owner));
    try {
      const list = await d.store.createList({ name: local, domain, settings: defaultListSettings(), createdAt: d.now() });
      if (owner) await d.store.addMember({ listId: list.id, address: owner, role: 'owner' }, d.now(), d.token());
      return sitePage(c, d, S.siteCreated(list.address), null);
    } catch (e) {
      if (isCaucusError(e)) return sitePage(c, d, null, e.message);
      throw e;
    }
  });
  app.post('/admin/site/delete-list', async (c) => {
    const form = await c.req.parseBody();
    const list = await d.store.findListByAddress(formText(form, 'list', 320));
    if (!list) return sitePage(c, d, null, S.notFound);
    if (!formChecked(form, 'confirm')) return sitePage(c, d, null, S.siteDeleteUnconfirmed(list.address));
    await d.store.deleteList(list.id);
    return sitePage(c, d, S.siteDeleted(list.address), null);
  });
  app.post('/admin/site/retry', async (c) => {
    const n = await d.store.retryDeadJobs(d.now());
    d.wake?.();
    return sitePage(c, d, S.siteRetried(n), null);
  });
}
