import { ok } from "./ok.ts";
import { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session-routes.ts";
import { signInEmail } from "./sign-in-email.ts";
import { signUpEmail } from "./sign-up-email.ts";

/** Core endpoints by name (the keys of `auth.api`). */
export const coreEndpoints = {
	ok,
	signUpEmail,
	signInEmail,
	getSession,
	getSessionPost,
	signOut,
	listSessions,
	revokeSession,
	revokeSessions,
	revokeOtherSessions,
} as const;
