/**
 * The 83 routes of the two documents the project started from (`shared/seeds/000_*.txt` and
 * `004_*.txt`) must all be served over HTTP by an instance with every plugin enabled.
 */
import { expect, test } from "bun:test";
import { admin } from "../plugins/admin/index.ts";
import { apiKey } from "../plugins/api-key/index.ts";
import { organization } from "../plugins/organization/index.ts";
import { passkey } from "../plugins/passkey/index.ts";
import { twoFactor } from "../plugins/two-factor/index.ts";
import { username } from "../plugins/username/index.ts";
import { getTestInstance } from "../testing/index.ts";

/** `METHOD /path` as the seeds spell them (`{param}` for path parameters). */
const SEED_ROUTES = [
	"GET /admin/list-users",
	"GET /api-key/get",
	"GET /api-key/list",
	"GET /callback/{provider}",
	"GET /delete-user/callback",
	"GET /get-session",
	"GET /list-accounts",
	"GET /list-sessions",
	"GET /ok",
	"GET /organization/get-active-member",
	"GET /organization/get-full-organization",
	"GET /organization/get-invitation",
	"GET /organization/list",
	"GET /organization/list-invitations",
	"GET /organization/list-members",
	"GET /organization/list-user-invitations",
	"GET /passkey/generate-register-options",
	"GET /passkey/list-user-passkeys",
	"GET /reference/openapi.json",
	"GET /reset-password/{token}",
	"GET /verify-email",
	"POST /admin/ban-user",
	"POST /admin/create-user",
	"POST /admin/has-permission",
	"POST /admin/impersonate-user",
	"POST /admin/list-user-sessions",
	"POST /admin/remove-user",
	"POST /admin/revoke-user-session",
	"POST /admin/revoke-user-sessions",
	"POST /admin/set-role",
	"POST /admin/set-user-password",
	"POST /admin/stop-impersonating",
	"POST /admin/unban-user",
	"POST /api-key/create",
	"POST /api-key/delete",
	"POST /api-key/update",
	"POST /change-email",
	"POST /change-password",
	"POST /delete-user",
	"POST /forget-password",
	"POST /get-access-token",
	"POST /get-session",
	"POST /link-social",
	"POST /organization/accept-invitation",
	"POST /organization/cancel-invitation",
	"POST /organization/check-slug",
	"POST /organization/create",
	"POST /organization/delete",
	"POST /organization/has-permission",
	"POST /organization/invite-member",
	"POST /organization/leave",
	"POST /organization/reject-invitation",
	"POST /organization/remove-member",
	"POST /organization/set-active",
	"POST /organization/update",
	"POST /organization/update-member-role",
	"POST /passkey/delete-passkey",
	"POST /passkey/generate-authenticate-options",
	"POST /passkey/update-passkey",
	"POST /passkey/verify-authentication",
	"POST /passkey/verify-registration",
	"POST /refresh-token",
	"POST /reset-password",
	"POST /revoke-other-sessions",
	"POST /revoke-session",
	"POST /revoke-sessions",
	"POST /send-verification-email",
	"POST /set-password",
	"POST /sign-in/email",
	"POST /sign-in/social",
	"POST /sign-in/username",
	"POST /sign-out",
	"POST /sign-up/email",
	"POST /two-factor/disable",
	"POST /two-factor/enable",
	"POST /two-factor/generate-backup-codes",
	"POST /two-factor/get-totp-uri",
	"POST /two-factor/send-otp",
	"POST /two-factor/verify-backup-code",
	"POST /two-factor/verify-otp",
	"POST /two-factor/verify-totp",
	"POST /unlink-account",
	"POST /update-user",
] as const;

test("every route of the seed documents is served over HTTP", async () => {
	const t = await getTestInstance("sqlite", { plugins: [username(), twoFactor(), admin(), apiKey(), passkey(), organization()] });
	const served = new Set(
		Object.values(t.auth.$endpoints)
			.filter((endpoint) => !endpoint.serverOnly)
			.map((endpoint) => `${endpoint.contract.method} ${endpoint.contract.path.replace(/:\w+/g, "{param}")}`),
	);
	expect(SEED_ROUTES).toHaveLength(83);
	const missing = SEED_ROUTES.filter((route) => !served.has(route.replace(/\{\w+\}/g, "{param}")));
	expect(missing).toEqual([]);
});
