// The REST API's bearer tokens for site admins: the tokens (name, scope, made, last used; never a
// secret: only digests are kept), a form to make one, whose secret is shown on the answer page
// once, and revoking. The same functions as `caucus tokens create|list|delete`.
import { createApiToken } from '../../auth/index.ts';
import { isCaucusError } from '../../domain/errors.ts';
import type { MailingList } from '../../domain/list.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { formText } from '../form.ts';
import { requireSiteAdmin } from './guard.ts';
import { refuse } from './list-nav.tsx';

export const TOKENS_PATH = '/admin/site/tokens';

const when = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 16);

interface Outcome {
  note?: string;
  error?: string;
  /** A token just made: its name and the secret, shown this once. */
  made?: { name: string; secret: string };
  /** The name typed into a refused form, offered again. */
  name?: string;
}

function NewToken(props: { name: string; secret: string }) {
  return (
    <div class="note" role="status">
      <p><strong>{S.tokensMade(props.name)}</strong> {S.tokensCopyNow}</p>
      <label for="new-token">{S.tokensSecret}</label><br />
      <input id="new-token" type="text" readonly value={props.secret} size={72} autocomplete="off" spellcheck={false} />
      <p>{S.tokensUse}</p>
    </div>
  );
}

async function tokensPage(c: WebContext, d: WebDeps, o: Outcome, status: 200 | 400 | 404 = 200) {
  const lists = await d.store.listLists();
  const byId = new Map<number, MailingList>(lists.map((l) => [l.id, l]));
  const tokens = await d.store.listApiTokens();
  const csrf = c.get('csrf');
  return render(c, d, S.tokensTitle, (
    <>
      <p class="muted"><a href="/admin/">{S.dashboardTitle}</a> › <a href="/admin/site">{S.siteTitle}</a> › {S.tokensTitle}</p>
      <h1>{S.tokensTitle}</h1>
      <p>{S.tokensIntro}</p>
      {o.made ? <NewToken name={o.made.name} secret={o.made.secret} /> : null}
      {o.note ? <p class="note" role="status">{o.note}</p> : null}
      {o.error ? <p class="error" role="alert">{o.error}</p> : null}
      <h2>{S.tokensCount(tokens.length)}</h2>
      {tokens.length === 0 ? <p>{S.siteNoTokens}</p> : (
        <div class="scroll"><table>
          <caption class="muted" style="text-align:left">{S.tokensCaption}</caption>
          <thead><tr><th scope="col">{S.tokensName}</th><th scope="col">{S.tokensScope}</th><th scope="col">{S.tokensCreated}</th><th scope="col">{S.tokensLastUsed}</th><th scope="col">{S.tokensRevoke}</th></tr></thead>
          <tbody>{tokens.map((t) => (
            <tr>
              <th scope="row">{t.name}</th>
              <td>{t.listId === null ? S.siteWhole : (byId.get(t.listId)?.address ?? S.tokensGoneList)}</td>
              <td>{when(t.createdAt)}</td>
              <td>{t.lastUsedAt ? when(t.lastUsedAt) : S.tokensNeverUsed}</td>
              <td>
                <form method="post" action={`${TOKENS_PATH}/revoke`}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="id" value={String(t.id)} />
                  <button type="submit" class="danger" aria-label={S.tokensRevokeOne(t.name)}>{S.tokensRevoke}</button>
                </form>
              </td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      <h2>{S.tokensCreateHeading}</h2>
      <form method="post" action={`${TOKENS_PATH}/create`}>
        <Csrf token={csrf} />
        <div class="field">
          <label for="token-name">{S.tokensName}</label><span class="help" id="token-name-help">{S.tokensNameHelp}</span>
          <input id="token-name" name="name" type="text" required maxlength={100} size={40} autocomplete="off" aria-describedby="token-name-help" value={o.name ?? ''} />
        </div>
        <div class="field">
          <label for="token-list">{S.tokensScope}</label><span class="help" id="token-list-help">{S.tokensScopeHelp}</span>
          <select id="token-list" name="list" aria-describedby="token-list-help">
            <option value="">{S.siteWhole}</option>
            {lists.map((l) => <option value={l.address}>{l.address}</option>)}
          </select>
        </div>
        <button type="submit" class="primary">{S.tokensCreateButton}</button>
      </form>
      <p class="muted">{S.siteTokensHelp}</p>
    </>
  ), status);
}

export function mountTokens(app: WebApp, d: WebDeps): void {
  // Its own guard, so the pages stay closed whatever order the mounts come in.
  for (const path of [TOKENS_PATH, `${TOKENS_PATH}/*`]) {
    app.use(path, async (c, next) => {
      if (!(await requireSiteAdmin(c, d))) return refuse(c, d, 'forbidden');
      await next();
    });
  }
  app.get(TOKENS_PATH, (c) => tokensPage(c, d, {}));
  app.post(`${TOKENS_PATH}/create`, async (c) => {
    const form = await c.req.parseBody();
    const name = formText(form, 'name', 200);
    const listAddress = formText(form, 'list', 320);
    const list = listAddress ? await d.store.findListByAddress(listAddress) : null;
    if (listAddress && !list) return tokensPage(c, d, { error: S.notFound, name }, 404);
    try {
      const { token, record } = await createApiToken(d, name, list?.id ?? null);
      return tokensPage(c, d, { made: { name: record.name, secret: token } });
    } catch (e) {
      if (isCaucusError(e) && e.code === 'invalid') return tokensPage(c, d, { error: e.message, name }, 400);
      throw e;
    }
  });
  app.post(`${TOKENS_PATH}/revoke`, async (c) => {
    const id = Number(formText(await c.req.parseBody(), 'id', 20));
    const token = (await d.store.listApiTokens()).find((t) => t.id === id);
    if (!token || !(await d.store.deleteApiToken(token.id))) return tokensPage(c, d, { error: S.tokensUnknown }, 404);
    return tokensPage(c, d, { note: S.tokensRevoked(token.name) });
  });
}
