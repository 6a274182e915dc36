/**
 * Method and path of every core route, by endpoint name, with no zod: what a browser client
 * needs at runtime to pick GET or POST for a path, without bundling the route contracts.
 * `route-methods.test.ts` checks that it matches `coreRoutes` key for key.
 *
 * @example
 * coreRouteMethods.signInEmail; // ["POST", "/sign-in/email"]
 */
export const coreRouteMethods = {
	ok: ["GET", "/ok"],
	signUpEmail: ["POST", "/sign-up/email"],
	signInEmail: ["POST", "/sign-in/email"],
	getSession: ["GET", "/get-session"],
	getSessionPost: ["POST", "/get-session"],
	signOut: ["POST", "/sign-out"],
	listSessions: ["GET", "/list-sessions"],
	revokeSession: ["POST", "/revoke-session"],
	revokeSessions: ["POST", "/revoke-sessions"],
	revokeOtherSessions: ["POST", "/revoke-other-sessions"],
	updateUser: ["POST", "/update-user"],
	changePassword: ["POST", "/change-password"],
	setPassword: ["POST", "/set-password"],
	verifyPassword: ["POST", "/verify-password"],
	deleteUser: ["POST", "/delete-user"],
	deleteUserCallback: ["GET", "/delete-user/callback"],
	listAccounts: ["GET", "/list-accounts"],
	unlinkAccount: ["POST", "/unlink-account"],
	sendVerificationEmail: ["POST", "/send-verification-email"],
	verifyEmail: ["GET", "/verify-email"],
	requestPasswordReset: ["POST", "/request-password-reset"],
	forgetPassword: ["POST", "/forget-password"],
	resetPasswordCallback: ["GET", "/reset-password/:token"],
	resetPassword: ["POST", "/reset-password"],
	changeEmail: ["POST", "/change-email"],
	signInSocial: ["POST", "/sign-in/social"],
	callbackOAuth: ["GET", "/callback/:id"],
	callbackOAuthPost: ["POST", "/callback/:id"],
	linkSocialAccount: ["POST", "/link-social"],
	getAccessToken: ["POST", "/get-access-token"],
	refreshToken: ["POST", "/refresh-token"],
	accountInfo: ["GET", "/account-info"],
} as const satisfies Readonly<Record<string, readonly ["GET" | "POST", string]>>;
