/**
 * The error a redirect brought back: social sign-in (and email links) land on the app with
 * `?error=<code>` when they fail. The page shows a sentence of its own for the code; the
 * `error_description` beside it is never shown, because anyone can craft such a link and its
 * text would then speak with the app's voice (content injection, OWASP WSTG-CLNT-03).
 */

/** Readable messages for the codes the server's callback and the providers send. */
const MESSAGES: Readonly<Record<string, string>> = {
	access_denied: "Sign-in was cancelled at the provider. Nothing was shared with this app.",
	account_not_linked:
		"An account with this email already exists. Sign in with your password and verify your email address, then use the provider again to link it.",
	signup_disabled: "New accounts cannot be created with this provider.",
	email_not_found: "The provider did not share an email address, which this app needs.",
	state_not_found: "The sign-in expired or was started in another browser. Please try again.",
	state_mismatch: "The sign-in expired or was started in another browser. Please try again.",
	please_restart_the_process: "The sign-in expired or was started in another browser. Please try again.",
	banned: "This account is banned.",
	BANNED_USER: "This account is banned.",
	account_already_linked_to_different_user: "That provider account is already linked to another user.",
	email_does_not_match: "The provider's email address does not match this account.",
	unable_to_link_account: "The provider account could not be linked.",
	invalid_token: "This link is invalid or has expired.",
	INVALID_TOKEN: "This link is invalid or has expired.",
	TOKEN_EXPIRED: "This link has expired.",
};

/** A code as it may appear in a URL we show back: letters, digits and `_`, bounded. */
const CODE = /^[A-Za-z0-9_]{1,64}$/;

/** The message for `code`: ours for a known one, a generic sentence naming a well-formed unknown one. */
export function signInErrorMessage(code: string): string {
	const known = Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined;
	if (known) return known;
	return CODE.test(code) ? `Sign-in failed (${code}). Please try again.` : "Sign-in failed. Please try again.";
}

/**
 * Reads `?error=` from the address bar and removes it (with `error_description`) so a reload
 * does not show it again; other parameters (an invitation) stay. `""` when there is none.
 */
export function takeRedirectError(): string {
	const params = new URLSearchParams(location.search);
	const code = params.get("error");
	if (code === null) return "";
	params.delete("error");
	params.delete("error_description");
	const query = params.toString();
	history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
	return signInErrorMessage(code);
}
