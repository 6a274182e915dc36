import { escapeHtml } from "../endpoint/escape-html.ts";

/** What a development outbox keeps of one email. */
export interface OutboxMessage {
	/** E.g. `verification`, `reset-password`, `change-email`, `delete-account`. */
	kind: string;
	to: string;
	/** The link the email would carry (it holds the token: development only). */
	url: string;
	sentAt: Date;
}

/** An in-memory stand-in for a mail service, for local development. */
export interface DevOutbox {
	/** Records a message and prints a one-line summary (kind, recipient, link). */
	send(kind: string, payload: { user: { email: string }; url: string }): void;
	/** The kept messages, newest first. */
	messages(): readonly OutboxMessage[];
	/** An HTML page listing the messages with clickable links, everything escaped. */
	renderHtml(): string;
}

/**
 * A development outbox: keeps the last `limit` (default 100) messages in memory and logs one
 * line per message. Only the link is printed, never a password or the raw token on its own;
 * the link is a live credential, so never use this in production.
 *
 * @example
 * const outbox = createDevOutbox();
 * createLatchkey({ emailAndPassword: { enabled: true, sendResetPassword: (p) => outbox.send("reset-password", p) } });
 */
export function createDevOutbox(options: { limit?: number; log?: (line: string) => void } = {}): DevOutbox {
	const limit = options.limit ?? 100;
	const log = options.log ?? ((line: string) => console.info(line));
	const kept: OutboxMessage[] = [];
	return {
		send(kind, payload) {
			const message = { kind, to: payload.user.email, url: payload.url, sentAt: new Date() };
			kept.unshift(message);
			if (kept.length > limit) kept.length = limit;
			log(`[outbox] ${kind} → ${message.to}: ${message.url}`);
		},
		messages: () => kept,
		renderHtml: () => renderOutbox(kept),
	};
}

export { escapeHtml };

function renderOutbox(messages: readonly OutboxMessage[]): string {
	const rows = messages
		.map((m) => {
			// Only http(s) links become clickable: a `javascript:` URL stays inert text.
			const link = /^https?:\/\//i.test(m.url) ? `<a href="${escapeHtml(m.url)}">${escapeHtml(m.url)}</a>` : escapeHtml(m.url);
			return `<tr><td>${escapeHtml(m.sentAt.toISOString())}</td><td>${escapeHtml(m.kind)}</td><td>${escapeHtml(m.to)}</td><td>${link}</td></tr>`;
		})
		.join("\n");
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dev outbox</title></head>
<body>
<h1>Development outbox</h1>
<p>${messages.length} message(s), newest first.</p>
<table><thead><tr><th>Sent</th><th>Kind</th><th>To</th><th>Link</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
