/** Minimal server-rendered HTML: every value is escaped; pages carry no script at all. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map(render).join('') : render(v);
    out += part + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** The stylesheet is a file of its own, so the Content-Security-Policy needs no 'unsafe-inline'. */
export const STYLESHEET_PATH = '/panel/assets/panel.css';

export interface PageChrome {
  /** Whose account this is and as what, or who is signed in, or that nobody is. */
  who: Html;
  /** Read-only notice of a view-as session, shown above everything else. */
  banner?: Html | undefined;
  /** Header controls: the account switcher and the sign-out button. */
  controls?: Html | undefined;
}

export function page(title: string, body: Html, chrome: PageChrome): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Client area</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${chrome.banner ? `<div class="banner" role="alert">${chrome.banner.value}</div>` : ''}
<header>
<span class="brand">Client area</span>
<p class="who" aria-label="Signed-in identity">${chrome.who.value}</p>
${chrome.controls?.value ?? ''}
</header>
<main>
${body.value}
</main>
</body>
</html>`;
}

export const STYLESHEET = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:.75rem 1.5rem;display:flex;align-items:center;justify-content:space-between;flex-wrap:wrap;gap:.75rem}
header p{margin:0} header form{display:inline-flex;gap:.4rem;align-items:center;margin:0}
header a{color:#fff} .brand{font-weight:600}
.banner{background:#ffd54a;color:#1d2330;padding:.6rem 1.5rem;font-weight:600}
main{max-width:60rem;margin:2rem auto;padding:0 1.5rem}
a{color:#2456c7}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:1rem;list-style:none;padding:0}
.cards li{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 2px #0002}
.cards strong{display:block;font-size:1.75rem}
section{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px #0002}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e6eb}
form.stack{display:grid;gap:.6rem;max-width:28rem} label{display:grid;gap:.2rem}
input,select,textarea,button{font:inherit;padding:.4rem .6rem} button{cursor:pointer}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem .8rem;border-radius:.4rem}
.notice{background:#e6f4ea;color:#1e5631;padding:.6rem .8rem;border-radius:.4rem}
.muted{color:#5b6475} .tag{background:#e8edf7;border-radius:.3rem;padding:0 .35rem;font-size:.9em}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border-radius:.5rem}
`;
