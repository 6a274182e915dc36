import { ok } from "./ok.ts";
import { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session.ts";
import { signInEmail } from "./sign-in.ts";
import { signUpEmail } from "./sign-up.ts";

export { ok } from "./ok.ts";
export { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session.ts";
export { signInEmail, signInResponse } from "./sign-in.ts";
export { signUpEmail } from "./sign-up.ts";

/** Every core route contract, by endpoint name. The client's types come from this table. */
export const coreRoutes = {
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
