import { listAccounts } from "./account/list-accounts.ts";
import { unlinkAccount } from "./account/unlink-account.ts";
import { accountInfo, callbackOAuth, callbackOAuthPost, getAccessToken, linkSocialAccount, refreshToken, signInSocial } from "../social/routes/index.ts";
import { emailEndpoints } from "./email/index.ts";
import { errorPage } from "../error-page/error-page.ts";
import { ok } from "./ok.ts";
import { getSession, getSessionPost, listSessions, revokeOtherSessions, revokeSession, revokeSessions, signOut } from "./session-routes.ts";
import { signInEmail } from "./sign-in-email.ts";
import { signUpEmail } from "./sign-up-email.ts";
import { changePassword } from "./user/change-password.ts";
import { deleteUser, deleteUserCallback } from "./user/delete-user.ts";
import { setPassword } from "./user/set-password.ts";
import { updateUser } from "./user/update-user.ts";
import { verifyPassword } from "./user/verify-password.ts";

/** Core endpoints by name (the keys of `auth.api`). */
export const coreEndpoints = {
	ok,
	error: errorPage,
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
	...emailEndpoints,
	signInSocial,
	callbackOAuth,
	callbackOAuthPost,
	linkSocialAccount,
	getAccessToken,
	refreshToken,
	accountInfo,
} as const;
