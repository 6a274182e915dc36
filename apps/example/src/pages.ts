/**
 * The HTML shells of the web UI. Each page loads one same-origin script and the stylesheet,
 * nothing inline and nothing from elsewhere, so the CSP can forbid everything else.
 */

/** Strict CSP for the pages: scripts and styles from this origin only, images also as `data:` (the 2FA QR code). */
export const HTML_HEADERS = {
	"content-type": "text/html; charset=utf-8",
	"content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
} as const;

/** The outbox is static HTML: no scripts at all. */
export const OUTBOX_HEADERS = { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'" } as const;

export const SCRIPT_HEADERS = { "content-type": "text/javascript; charset=utf-8" } as const;

/** One page: a title, the script it runs and an empty mount point. */
function shell(title: string, script: string, nav: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/app.css"><script type="module" src="${script}"></script></head>
<body>
<header><h1>${title}</h1>
<p>The auth API is served under <code>/api/auth</code>. Emails land in the <a href="/dev/outbox">development outbox</a>. ${nav}</p></header>
<main id="root"></main>
</body></html>`;
}

export const INDEX_HTML = shell("Latchkey example", "/app.js", 'Binding demos: <a href="/vue">Vue</a>, <a href="/svelte">Svelte</a>.');
export const VUE_HTML = shell("Latchkey example: Vue", "/vue.js", '<a href="/">Back to the React app</a>.');
export const SVELTE_HTML = shell("Latchkey example: Svelte", "/svelte.js", '<a href="/">Back to the React app</a>.');

export const APP_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
form{display:grid;gap:.5rem;margin:1rem 0;padding:1rem;border:1px solid #ccc;border-radius:.5rem}
label{display:grid}button{justify-self:start}[role=alert]{color:#b00020}
nav ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}nav a[aria-current=page]{font-weight:bold}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
.banner{background:#fff4ce;padding:.5rem 1rem;border-radius:.5rem}.qr{width:12rem;height:12rem}
.codes{font-family:ui-monospace,monospace;columns:2}.avatar{width:3rem;height:3rem;border-radius:50%}`;
