/**
 * Escapes text for HTML content and double-quoted or single-quoted attributes (OWASP XSS
 * Prevention, rules 1 and 2). The one escaper of every HTML page the server renders.
 */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
