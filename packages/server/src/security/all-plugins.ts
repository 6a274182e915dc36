import type { LatchkeyOptions } from "../context/options.ts";
import type { EmailPayload } from "../context/user-options.ts";
import { admin } from "../plugins/admin/index.ts";
import { apiKey } from "../plugins/api-key/index.ts";
import { organization } from "../plugins/organization/index.ts";
import { passkey } from "../plugins/passkey/index.ts";
import { twoFactor } from "../plugins/two-factor/index.ts";
import { username } from "../plugins/username/index.ts";
import { getTestInstance } from "../testing/index.ts";
import type { Dialect, TestInstance } from "../testing/index.ts";

/** One email the instance "sent": its kind, recipient and link. */
export interface SentMail {
	kind: string;
	to: string;
	url: string;
	token: string;
}

/** An all-plugins test instance plus the emails it sent. */
export interface AllPluginsInstance extends TestInstance<LatchkeyOptions> {
	mail: SentMail[];
}

/**
 * A test instance configured like `apps/example/src/app.ts`: every plugin (username, passkey,
 * two-factor, admin, api-key with sessions, organization) and every email flow on, emails
 * captured in `mail`. Rate limiting is off and the constant-time floor of the email routes is
 * 0 ms unless `overrides` say otherwise: the attack suites send many requests and measure no time.
 */
export async function getAllPluginsInstance(dialect: Dialect, overrides: Partial<LatchkeyOptions> = {}): Promise<AllPluginsInstance> {
	const mail: SentMail[] = [];
	const record =
		(kind: string) =>
		(payload: EmailPayload): void => {
			mail.push({ kind, to: payload.user.email, url: payload.url, token: payload.token });
		};
	const t = await getTestInstance(dialect, {
		emailAndPassword: { enabled: true, sendResetPassword: record("reset-password"), ...overrides.emailAndPassword },
		emailVerification: { sendVerificationEmail: record("verification") },
		user: {
			changeEmail: { enabled: true, sendChangeEmailConfirmation: record("change-email") },
			deleteUser: { enabled: true, sendDeleteAccountVerification: record("delete-account") },
		},
		advanced: { constantResponseMs: 0 },
		plugins: [
			username(),
			passkey(),
			twoFactor(),
			admin(),
			apiKey({ enableSessionForAPIKeys: true }),
			organization({ sendInvitationEmail: (invite) => void mail.push({ kind: "organization-invitation", to: invite.email, url: invite.id, token: invite.id }) }),
		],
		...overrides,
		...(overrides.emailAndPassword ? { emailAndPassword: { enabled: true, sendResetPassword: record("reset-password"), ...overrides.emailAndPassword } } : {}),
	});
	return Object.assign(t, { mail });
}
