// The page frame every web page uses: doctype, viewport for phones, a small readable style, and
// no script, so every page works without JavaScript.
import type { Child } from 'hono/jsx';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
a{color:#0645ad}h1{font-size:1.5rem}button{font:inherit;padding:.5rem 1rem;border:1px solid #333;border-radius:4px;background:#f3f3f3;cursor:pointer}
button:focus,a:focus,input:focus{outline:3px solid #1a73e8;outline-offset:2px}
.note{padding:.75rem;border-left:4px solid #555;background:#f6f6f6}
`;

export function Page(props: { title: string; siteName: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} — ${props.siteName}`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export const DOCTYPE = '<!doctype html>';
