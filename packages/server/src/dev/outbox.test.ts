import { describe, expect, test } from "bun:test";
import { createDevOutbox } from "./outbox.ts";

describe("createDevOutbox", () => {
	test("logs one line with kind, recipient and link, keeps the newest 100", () => {
		const lines: string[] = [];
		const outbox = createDevOutbox({ log: (line) => lines.push(line) });
		for (let i = 0; i < 105; i++) outbox.send("reset-password", { user: { email: `u${i}@example.com` }, url: `http://localhost/r/${i}` });
		expect(lines[0]).toBe("[outbox] reset-password → u0@example.com: http://localhost/r/0");
		expect(outbox.messages()).toHaveLength(100);
		expect(outbox.messages()[0]?.to).toBe("u104@example.com");
	});

	test("escapes everything in the HTML page and never links a javascript: URL", () => {
		const outbox = createDevOutbox({ log: () => {} });
		outbox.send("<script>x</script>", { user: { email: `"><img src=x onerror=alert(1)>@example.com` }, url: `http://localhost/a?b="><script>` });
		outbox.send("verification", { user: { email: "a@example.com" }, url: "javascript:alert(1)" });
		const html = outbox.renderHtml();
		expect(html).not.toContain("<script>");
		expect(html).not.toContain("<img");
		expect(html).toContain("&lt;script&gt;x&lt;/script&gt;");
		expect(html).toContain(`<a href="http://localhost/a?b=&quot;&gt;&lt;script&gt;">`);
		expect(html).not.toContain(`href="javascript:`);
	});
});
