import type { LatchkeyPlugin } from "@latchkey/server";

/**
 * Parses `EXAMPLE_ADMIN_EMAILS` (comma-separated addresses) into a lowercase list.
 *
 * @example
 * parseAdminEmails("Ada@example.com, bob@example.com") // ["ada@example.com", "bob@example.com"]
 */
export function parseAdminEmails(value: string | undefined): string[] {
	return (value ?? "")
		.split(",")
		.map((email) => email.trim().toLowerCase())
		.filter((email) => email.length > 0);
}

/**
 * How a user becomes admin in the example (development only): when a session is created for a
 * user whose address is listed in `EXAMPLE_ADMIN_EMAILS` **and verified**, the user's role is
 * set to `admin`. `admin({ adminUserIds })` needs ids that do not exist before sign-up, and
 * "first user is admin" hands the server to whoever registers first on a fresh deployment.
 *
 * The verified-email condition is the security decision: anyone can sign up with a listed
 * address, but only its owner can follow the verification link (SECURITY.md rule 4's reasoning,
 * applied to roles). The role is granted at the next session created after verification (a
 * sign-in, or following the verification link in a browser without a session). It is only
 * ever raised: a listed address is promoted again at its next sign-in, so to demote someone
 * remove the address from the list, then change the role on the admin page.
 */
export function adminEmailsPlugin(emails: readonly string[]) {
	const listed = new Set(emails.map((email) => email.toLowerCase()));
	return {
		id: "example-admin-emails",
		async beforeSessionCreate({ user, storage }) {
			if (!user.emailVerified || !listed.has(user.email.toLowerCase())) return undefined;
			const roles = (user.role ?? "").split(",").map((role) => role.trim());
			if (!roles.includes("admin")) await storage.update("user", { id: user.id }, { role: "admin" });
			return undefined;
		},
	} satisfies LatchkeyPlugin;
}
