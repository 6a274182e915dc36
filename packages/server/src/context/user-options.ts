import type { UserRow } from "../storage/rows.ts";

/** What every email callback receives. */
export interface EmailPayload {
	user: UserRow;
	/** The link to put in the email (built from the configured `baseURL`, never the Host header). */
	url: string;
	/** The token inside the link. */
	token: string;
}

/** `emailVerification` options (Better Auth's names). */
export interface EmailVerificationOptions {
	/** Sends the verification email. Without it, verification is off. */
	sendVerificationEmail?: (payload: EmailPayload, request?: Request) => Promise<void> | void;
	/** Send on sign-up. Default: `emailAndPassword.requireEmailVerification`. */
	sendOnSignUp?: boolean;
	/** Re-send when an unverified user tries to sign in with verification required. */
	sendOnSignIn?: boolean;
	/** Create a session when the link is followed. Default false. */
	autoSignInAfterVerification?: boolean;
	/** Token lifetime in seconds. Default 3600. */
	expiresIn?: number;
}

/** `user.deleteUser` options. */
export interface DeleteUserOptions {
	/** Default false: `POST /delete-user` answers 404. */
	enabled?: boolean;
	/** When set, deletion waits for the emailed link. */
	sendDeleteAccountVerification?: (payload: EmailPayload, request?: Request) => Promise<void> | void;
	/** Token lifetime in seconds. Default 86400. */
	deleteTokenExpiresIn?: number;
	beforeDelete?: (user: UserRow, request?: Request) => Promise<void> | void;
	afterDelete?: (user: UserRow, request?: Request) => Promise<void> | void;
}

/** `user.changeEmail` options. */
export interface ChangeEmailOptions {
	/** Default false: `POST /change-email` answers 400 CHANGE_EMAIL_DISABLED. */
	enabled?: boolean;
	/** Unverified users switch at once. Default false. */
	updateEmailWithoutVerification?: boolean;
	/** Verified users confirm from the old address first. */
	sendChangeEmailConfirmation?: (payload: EmailPayload & { newEmail: string }, request?: Request) => Promise<void> | void;
	/** Better Auth's older name of `sendChangeEmailConfirmation`; used when that one is absent. */
	sendChangeEmailVerification?: (payload: EmailPayload & { newEmail: string }, request?: Request) => Promise<void> | void;
}

/** Password-reset options under `emailAndPassword`. */
export interface PasswordResetOptions {
	sendResetPassword?: (payload: EmailPayload, request?: Request) => Promise<void> | void;
	/** Seconds. Default 3600. */
	resetPasswordTokenExpiresIn?: number;
	/** Delete every session of the user after a reset. Default true (SECURITY.md rule 16; Better Auth: false). */
	revokeSessionsOnPasswordReset?: boolean;
	onPasswordReset?: (input: { user: UserRow }, request?: Request) => Promise<void> | void;
}
