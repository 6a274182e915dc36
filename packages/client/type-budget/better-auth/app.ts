/**
 * Better Auth's client with the same six plugins and the same calls as ../app.ts, for
 * comparison in `src/type-budget.test.ts`. better-auth and its plugins are devDependencies of
 * packages/server only, so tsconfig.json maps the specifiers to packages/server/node_modules.
 */
import { apiKeyClient } from "@better-auth/api-key/client";
import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import { adminClient, organizationClient, twoFactorClient, usernameClient } from "better-auth/client/plugins";

export const client = createAuthClient({ baseURL: "https://example.com", plugins: [usernameClient(), adminClient(), passkeyClient(), twoFactorClient(), organizationClient(), apiKeyClient()] });

export async function app(): Promise<string | null> {
	const signUp = await client.signUp.email({ name: "Ada", email: "ada@example.com", password: "correct horse", username: "ada" });
	if (signUp.error) return signUp.error.code ?? null;
	await client.signIn.username({ username: "ada", password: "correct horse" });
	await client.isUsernameAvailable({ username: "ada" });
	await client.updateUser({ name: "Grace" });
	await client.changePassword({ currentPassword: "correct horse", newPassword: "battery staple" });
	await client.listAccounts();
	await client.requestPasswordReset({ email: "ada@example.com", redirectTo: "/reset" });
	await client.verifyEmail({ query: { token: "t" } });
	await client.changeEmail({ newEmail: "grace@example.com" });
	await client.deleteUser({ password: "battery staple" });
	await client.admin.listUsers({ query: { searchValue: "ada", limit: 10 } });
	await client.admin.banUser({ userId: "u1", banReason: "spam" });
	await client.passkey.addPasskey({ name: "Laptop" });
	await client.signIn.passkey();
	await client.twoFactor.verifyTotp({ code: "123456", trustDevice: true });
	await client.organization.create({ name: "Acme", slug: "acme" });
	await client.organization.inviteMember({ email: "grace@example.com", role: "member" });
	await client.apiKey.create({ name: "ci" });
	const { data } = await client.getSession();
	client.$store.atoms.session?.listen((state) => console.log(state));
	return data?.user.email ?? null;
}
