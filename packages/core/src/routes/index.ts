import { listAccounts, unlinkAccount } from "./account.ts";
import { emailRoutes } from "./email.ts";
import { ok } from "./ok.ts";
import { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session.ts";
import { signInEmail } from "./sign-in.ts";
import { signUpEmail } from "./sign-up.ts";
import { socialRoutes } from "./social.ts";
import { changePassword, deleteUser, deleteUserCallback, setPassword, updateUser, verifyPassword } from "./user.ts";

export { accountSchema, listAccounts, unlinkAccount } from "./account.ts";
export type { Account } from "./account.ts";
export { ok } from "./ok.ts";
export { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session.ts";
export { signInEmail, signInResponse } from "./sign-in.ts";
export { signUpEmail } from "./sign-up.ts";
export * from "./social.ts";
export { changePassword, deleteUser, deleteUserCallback, setPassword, updateUser, updateUserFields, verifyPassword } from "./user.ts";
export type { UpdateUserBody } from "./user.ts";

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
	updateUser,
	changePassword,
	setPassword,
	verifyPassword,
	deleteUser,
	deleteUserCallback,
	listAccounts,
	unlinkAccount,
	...emailRoutes,
	...socialRoutes,
} as const;
