import { escapeHtml } from "../endpoint/escape-html.ts";

export { escapeHtml };

/*
 * The page's script. Every string from the document reaches the page through `textContent`
 * or `createTextNode`, never through HTML parsing, so a hostile summary stays text.
 */
const SCRIPT = `
const root = document.getElementById("operations");
const el = (tag, text, cls) => { const n = document.createElement(tag); if (text !== undefined) n.textContent = String(text); if (cls) n.className = cls; return n; };
const show = (value) => el("pre", JSON.stringify(value, null, 2));
fetch("./reference/openapi.json", { credentials: "same-origin" })
	.then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
	.then((doc) => {
		document.getElementById("version").textContent = "OpenAPI " + doc.openapi + " · " + (doc.info && doc.info.version);
		for (const [path, item] of Object.entries(doc.paths || {})) {
			for (const [method, op] of Object.entries(item)) {
				const section = el("section", undefined, "op");
				const head = el("h2");
				head.append(el("span", method.toUpperCase(), "method"), document.createTextNode(" " + path));
				section.append(head);
				if (op.summary) section.append(el("p", op.summary));
				if (op.description) section.append(el("p", op.description, "desc"));
				if (op.tags) section.append(el("p", "Tags: " + op.tags.join(", "), "desc"));
				if (op.security) section.append(el("p", "Requires a session (bearer token or cookie)", "desc"));
				if (op.parameters) { section.append(el("h3", "Parameters")); section.append(show(op.parameters)); }
				if (op.requestBody) { section.append(el("h3", "Request body")); section.append(show(op.requestBody.content)); }
				const ok = op.responses && op.responses["200"];
				if (ok && ok.content) { section.append(el("h3", "Response 200")); section.append(show(ok.content["application/json"].schema)); }
				section.append(el("p", "Statuses: " + Object.keys(op.responses || {}).join(", "), "desc"));
				root.append(section);
			}
		}
		const schemas = (doc.components && doc.components.schemas) || {};
		for (const [name, schema] of Object.entries(schemas)) {
			const section = el("section", undefined, "op");
			section.append(el("h2", "Schema " + name), show(schema));
			root.append(section);
		}
	})
	.catch((error) => { root.textContent = "Could not load the OpenAPI document: " + error.message; });
`;

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d1d1f; }
.op { border: 1px solid #d0d0d7; border-radius: 6px; margin: 1rem 0; padding: 0 1rem; }
.method { font-family: ui-monospace, monospace; background: #eef; padding: 0 .4rem; border-radius: 4px; }
.desc { color: #555; }
pre { background: #f6f6f8; padding: .5rem; overflow: auto; font-size: 13px; }
`;

/**
 * A self-contained reference page: no CDN, no external script or style. It loads
 * `./reference/openapi.json` (same origin) and lists every operation. The nonce ties the
 * inline script and style to the response's Content-Security-Policy.
 */
export function referencePage(title: string, nonce: string): string {
	const safeTitle = escapeHtml(title);
	const safeNonce = escapeHtml(nonce);
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle} · API reference</title>
<style nonce="${safeNonce}">${STYLE}</style>
</head>
<body>
<h1>${safeTitle} · API reference</h1>
<p id="version"></p>
<main id="operations"></main>
<script nonce="${safeNonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The page's Content-Security-Policy: nothing loads but the nonce'd inline script and
 * style and a same-origin fetch of the document.
 */
export function referencePagePolicy(nonce: string): string {
	return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
