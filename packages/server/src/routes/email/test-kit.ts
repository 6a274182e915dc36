import type { LatchkeyOptions } from "../../context/options.ts";
import type { EmailPayload } from "../../context/user-options.ts";
import { username } from "../../plugins/username/index.ts";
import { getTestInstance } from "../../testing/index.ts";
import type { Dialect, TestInstance } from "../../testing/index.ts";

/** Padding used by the email tests instead of 500 ms. */
export const TEST_MIN_RESPONSE_MS = 40;

/** One captured email. */
export interface SentMail {
	kind: "verification" | "reset-password" | "change-email-confirmation";
	to: string;
	url: string;
	token: string;
	newEmail?: string;
}

/** A test instance with the email endpoints mounted, and every email captured in `mails`. */
export interface EmailTestInstance extends TestInstance<LatchkeyOptions> {
	mails: SentMail[];
}

/**
 * `getTestInstance` with a short enumeration padding and
 * capturing senders for verification, reset and change-email confirmation. Pass
 * `{ senders: false }` to configure none; overrides are merged per section.
 */
export async function getEmailTestInstance(
	dialect: Dialect,
	overrides: Partial<LatchkeyOptions> & { senders?: boolean } = {},
): Promise<EmailTestInstance> {
	const mails: SentMail[] = [];
	const { senders = true, ...rest } = overrides;
	const capture = (kind: SentMail["kind"]) => (payload: EmailPayload & { newEmail?: string }) => {
		mails.push({ kind, to: payload.user.email, url: payload.url, token: payload.token, newEmail: payload.newEmail });
	};
	const t = await getTestInstance(dialect, {
		...rest,
		plugins: [username()],
		advanced: { constantResponseMs: TEST_MIN_RESPONSE_MS, ...rest.advanced },
		emailAndPassword: { ...(senders ? { sendResetPassword: capture("reset-password") } : {}), ...rest.emailAndPassword },
		emailVerification: { ...(senders ? { sendVerificationEmail: capture("verification") } : {}), ...rest.emailVerification },
		user: {
			...rest.user,
			changeEmail: { ...(senders ? { sendChangeEmailConfirmation: capture("change-email-confirmation") } : {}), ...rest.user?.changeEmail },
		},
	});
	return Object.assign(t, { mails });
}

/** A manual clock starting at 2030-01-01. */
export function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = Date.parse("2030-01-01T00:00:00.000Z");
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** The path and query of an emailed link, for `client.request`, which adds the base path. */
export function relativeLink(url: string): string {
	const u = new URL(url);
	return `${u.pathname.replace(/^\/api\/auth/, "")}${u.search}`;
}
