// The HTML pages: one sub-app with the session and CSRF middleware, every page mounted on it, and
// a framed 404 for paths nobody serves.
import { Hono } from 'hono';
import type { WebDeps } from './deps.ts';
import type { WebEnv } from './env.ts';
import { render } from './layout.tsx';
import { S } from './strings.ts';
import { sessionMiddleware } from './middleware/session.ts';
import { csrfMiddleware } from './middleware/csrf.ts';
import { mountOneClick, ONE_CLICK_PATH } from './one-click.tsx';
import { mountConfirm } from './confirm.tsx';
import { mountModerate } from './moderate.tsx';
import { mountReenable } from './reenable.tsx';
import { mountLists } from './public/lists.tsx';
import { mountPublicRoster } from './public/roster.tsx';
import { mountSignIn } from './account/sign-in.tsx';
import { mountAccount } from './account/options.tsx';
import { mountAdminSignIn } from './admin/sign-in.tsx';
import { mountDashboard } from './admin/dashboard.tsx';
import { mountHeld } from './admin/held.tsx';
import { mountSettings } from './admin/settings.tsx';
import { mountRoster } from './admin/roster.tsx';
import { mountPeople } from './admin/people.tsx';
import { mountSite } from './admin/site.tsx';
import { mountTokens } from './admin/tokens.tsx';

export function createPages(d: WebDeps): Hono<WebEnv> {
  const pages = new Hono<WebEnv>();
  pages.use('*', sessionMiddleware(d));
  pages.use('*', csrfMiddleware(d, (c) => render(c, d, S.csrfTitle, <><h1>{S.csrfTitle}</h1><p class="error">{S.csrfRefused}</p></>, 403), (p) => ONE_CLICK_PATH.test(p)));
  mountLists(pages, d);
  mountPublicRoster(pages, d);
  mountOneClick(pages, d);
  mountConfirm(pages, d);
  mountModerate(pages, d);
  mountSignIn(pages, d);
  mountAccount(pages, d);
  mountAdminSignIn(pages, d);
  mountDashboard(pages, d);
  mountHeld(pages, d);
  mountSettings(pages, d);
  mountRoster(pages, d);
  mountPeople(pages, d);
  mountSite(pages, d);
  mountTokens(pages, d);
  mountReenable(pages, d);
  // Mounted last, so this catch-all answers every path no page (and no earlier mount) serves.
  pages.all('*', (c) => render(c, d, S.notFoundTitle, <><h1>{S.notFoundTitle}</h1><p>{S.notFound}</p></>, 404));
  return pages;
}
