import { describe, expect, test } from "bun:test";
import { username } from "../plugins/username/index.ts";
import { getTestInstance } from "../testing/index.ts";
import { escapeHtml } from "./reference-page.ts";
import { HOSTILE_SUMMARY, openAPITestPlugin } from "./test-plugin.ts";

describe("GET /reference [sqlite]", () => {
	test("is a self-contained HTML page: no network sources, nonce'd inline script under a strict CSP", async () => {
		const t = await getTestInstance("sqlite");
		const res = await t.client().request("/reference");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
		expect(res.headers.get("x-content-type-options")).toBe("nosniff");
		const html = await res.text();
		expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
		expect(html).not.toMatch(/@import|url\(/i);
		expect(html).not.toMatch(/https?:\/\//i);
		expect(html).toContain('fetch("./reference/openapi.json"');
		const policy = res.headers.get("content-security-policy") ?? "";
		expect(policy).toContain("default-src 'none'");
		expect(policy).toContain("connect-src 'self'");
		const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
		expect(nonce).toBeDefined();
		expect(html).toContain(`<script nonce="${nonce}">`);
		const second = await t.client().request("/reference");
		expect(second.headers.get("content-security-policy")).not.toBe(policy);
	});

	test("contract text reaches the page as text only, and server-rendered text is escaped", async () => {
		const t = await getTestInstance("sqlite", { appName: HOSTILE_SUMMARY, plugins: [username(), openAPITestPlugin()] });
		const html = await (await t.client().request("/reference")).text();
		expect(html).not.toContain("<script>alert");
		expect(html).toContain(escapeHtml(HOSTILE_SUMMARY));
		// The script builds the DOM with textContent / createTextNode only.
		expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
		// The hostile summary is data in the JSON document, never markup in the page.
		const doc = await (await t.client().request("/reference/openapi.json")).json();
		expect(doc.paths["/widgets/{id}"].get.summary).toBe(HOSTILE_SUMMARY);
		expect(html).not.toContain(HOSTILE_SUMMARY);
	});

	test("escapeHtml covers the five HTML metacharacters", () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
	});
});
