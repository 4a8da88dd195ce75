// The page frame every web page uses: doctype, language, viewport for phones, a skip link, a small
// readable style with strong contrast and visible focus, and no script, so every page works
// without JavaScript. `render` answers a request with a framed page.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebSession } from '../store/types.ts';
import type { WebDeps } from './deps.ts';
import type { WebContext } from './env.ts';
import { CSRF_FIELD } from './middleware/csrf.ts';
import { S } from './strings.ts';

const STYLE = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:56rem;margin:0 auto;padding:0 1rem 2rem;color:#1b1b1b;background:#fff}
a{color:#0645ad}a:visited{color:#4b2a8a}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between;border-bottom:2px solid #1b1b1b;padding:.75rem 0;margin-bottom:1rem}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:#1b1b1b}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem}
button,.button{font:inherit;padding:.45rem 1rem;border:2px solid #1b1b1b;border-radius:4px;background:#f0f0f0;color:#1b1b1b;cursor:pointer;text-decoration:none;display:inline-block}
button.primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
button.danger{background:#fff;border-color:#a50e0e;color:#a50e0e}
input,select,textarea{font:inherit;padding:.4rem;border:1px solid #555;border-radius:4px;max-width:100%;color:#1b1b1b;background:#fff}
input[type=checkbox],input[type=radio]{width:1.15rem;height:1.15rem;vertical-align:middle}
textarea{width:100%;min-height:6rem;font-family:ui-monospace,Menlo,Consolas,monospace}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
label{font-weight:600}.field{margin:.9rem 0}.field .help{display:block;font-weight:400;color:#444;font-size:.92rem}
.field.inline label{font-weight:400}
fieldset{border:1px solid #999;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:700;padding:0 .25rem}
.note{padding:.75rem 1rem;border-left:6px solid #0b57d0;background:#eef3fd}
.error{padding:.75rem 1rem;border-left:6px solid #a50e0e;background:#fdeeee}
.error-text{color:#a50e0e;font-weight:600}
.muted{color:#444}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
.scroll{overflow-x:auto}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.75rem;border:1px solid #ddd;border-radius:4px;max-height:40rem;overflow:auto}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.cards{list-style:none;padding:0}.cards>li{border:1px solid #bbb;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.pager{display:flex;gap:1rem;margin:1rem 0}
@media (max-width:40rem){th.opt,td.opt{display:none}}
`;

export const DOCTYPE = '<!doctype html>';

export function Page(props: { title: string; siteName: string; who: string | null; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} — ${props.siteName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <a class="skip" href="#main">{S.skipToContent}</a>
        <header class="site">
          <a class="brand" href="/lists/">{props.siteName}</a>
          <nav aria-label={S.navLabel}>
            <ul>
              <li><a href="/lists/">{S.navLists}</a></li>
              {props.who ? <li><a href="/account/">{S.navAccount}</a></li> : <li><a href="/account/sign-in">{S.navSignIn}</a></li>}
              <li><a href="/admin/">{S.navAdmin}</a></li>
            </ul>
          </nav>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** The hidden CSRF field every form carries. */
export const Csrf = (props: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={props.token} />;

/**
 * An HTML page as UTF-8 bytes. Encoded here in one native pass: a string body would be scanned for
 * lone surrogates and encoded again by the runtime, which costs more than the rendering itself on a
 * Pipermail month of several thousand messages. (Lone surrogates become U+FFFD either way.) With
 * `splice`, bytes rendered before are put in place of the first `marker` of the page.
 */
export function htmlPage(c: Context, html: string, status: ContentfulStatusCode = 200, splice?: { marker: string; bytes: Buffer }): Response {
  const at = splice ? html.indexOf(splice.marker) : -1;
  if (splice && at < 0) throw new Error('the page has no place for the bytes spliced into it');
  const body = splice
    ? Buffer.concat([Buffer.from(html.slice(0, at), 'utf8'), splice.bytes, Buffer.from(html.slice(at + splice.marker.length), 'utf8')])
    : Buffer.from(html, 'utf8');
  return c.body(body, status, { 'Content-Type': 'text/html; charset=UTF-8' });
}

export function render(c: WebContext, d: WebDeps, title: string, body: Child, status: 200 | 400 | 403 | 404 | 409 | 429 = 200) {
  const session: WebSession | null = c.get('session') ?? null;
  c.header('Cache-Control', 'no-store');
  return htmlPage(c, DOCTYPE + (<Page title={title} siteName={d.site.siteName} who={session?.address ?? null}>{body}</Page>), status);
}
