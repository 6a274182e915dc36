import { escapeHtml } from "../endpoint/escape-html.ts";

/** Fixed styles of the page; the policy below allows exactly this stylesheet by its hash. */
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#f8f9fa;color:#212529}main{max-width:32rem;padding:2rem;border:1px solid #dee2e6;background:#fff}h1{font-size:1.25rem;margin:0 0 1rem}code{font-size:1rem;padding:.1rem .3rem;background:#f1f3f5}p{margin:.75rem 0 0}`;

const STYLE_HASH = new Bun.CryptoHasher("sha256").update(STYLE).digest("base64");

/**
 * The error page's policy: nothing but its own stylesheet. No script, no frames (a page that
 * echoes query text must not be framed or run anything).
 */
export const ERROR_PAGE_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * The HTML of `GET /error`. `code` has already been checked against `[A-Za-z0-9_'-]+`; both
 * strings are escaped anyway, as is the description a provider or a link may have supplied.
 */
export function errorPageHtml(appName: string, code: string, description: string | null): string {
	const detail = description ? escapeHtml(description) : "Something went wrong while signing you in. Please try again.";
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign-in error · ${escapeHtml(appName)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign-in error</h1>
<p>Error code: <code>${escapeHtml(code)}</code></p>
<p>${detail}</p>
<p><a href="/">Back to the home page</a></p>
</main>
</body>
</html>
`;
}
