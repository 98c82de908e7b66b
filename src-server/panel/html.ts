/** Minimal server-rendered HTML: every value is escaped; pages carry no script at all. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

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

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:.75rem 1.5rem;display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem}
main{max-width:56rem;margin:2rem auto;padding:0 1.5rem}
a{color:#2456c7} header a{color:#fff}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:1rem;list-style:none;padding:0}
.cards li{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 2px #0002}
.cards strong{display:block;font-size:1.75rem}
nav ul{padding-left:1.2rem}
`;

export function page(title: string, body: Html, who?: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Client area</title>
<style>${STYLE}</style>
</head>
<body>
<header><span>Client area</span>${who ? `<span>${who.value}</span>` : ''}</header>
<main>
${body.value}
</main>
</body>
</html>`;
}
