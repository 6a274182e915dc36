import type { FetchPlugin } from "./types.ts";

// Navigating to these would run code in the page's origin (an open redirect turned into XSS).
const UNSAFE_SCHEME = /^\s*(javascript|data|vbscript):/i;

/**
 * Better Auth's default redirect plugin (spec/core.md §2.3): a 2xx body with a truthy `url`
 * and `redirect` navigates the browser to `url`. Does nothing outside a browser.
 */
export const redirectPlugin: FetchPlugin = {
	id: "redirect",
	hooks: {
		onSuccess(context) {
			const data: unknown = context.data;
			if (typeof data !== "object" || data === null || !("url" in data) || !("redirect" in data)) return;
			if (!data.redirect || typeof data.url !== "string" || !data.url || UNSAFE_SCHEME.test(data.url)) return;
			if (typeof window !== "undefined" && window.location) window.location.href = data.url;
		},
	},
};
