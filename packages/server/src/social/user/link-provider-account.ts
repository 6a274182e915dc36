import type { AuthContext } from "../../context/create-context.ts";
import { newAccountRow, tokenUpdate } from "./account-row.ts";
import type { ProviderIdentity } from "./provider-identity.ts";

/** Why a link was refused (mapped to callback error codes and API errors by the routes). */
export type LinkFailure =
	| { reason: "already_linked_to_other_user" }
	| { reason: "linking_not_allowed" }
	| { reason: "different_email" }
	| { reason: "unable_to_link" };

/**
 * Attaches a provider identity to a signed-in user (link-social, spec/core.md §9.30). The
 * account must not belong to another user (no account theft), linking must be on, the
 * provider must vouch for the email (or be a `trustedProviders` entry: here the signed-in
 * user asked for the link, so nobody else's account is at stake), and the email must be the
 * user's unless `allowDifferentEmails`. Re-linking one's own account refreshes its tokens.
 */
export async function linkProviderAccount(auth: AuthContext, input: { identity: ProviderIdentity; userId: string; userEmail: string }): Promise<{ ok: true } | { ok: false; failure: LinkFailure }> {
	const { identity } = input;
	const linking = auth.options.account?.accountLinking;
	const existing = await auth.storage.findOne("account", { providerId: identity.provider.id, accountId: identity.user.id });
	if (existing && existing.userId !== input.userId) return { ok: false, failure: { reason: "already_linked_to_other_user" } };
	if (existing) {
		await auth.storage.update("account", { id: existing.id }, tokenUpdate(auth, identity, existing));
		await updateUserInfo(auth, input.userId, identity);
		return { ok: true };
	}
	const trusted = linking?.trustedProviders?.includes(identity.provider.id) ?? false;
	if (linking?.enabled === false || (!identity.user.emailVerified && !trusted)) return { ok: false, failure: { reason: "linking_not_allowed" } };
	if (identity.user.email !== input.userEmail.toLowerCase() && linking?.allowDifferentEmails !== true) return { ok: false, failure: { reason: "different_email" } };
	try {
		await auth.storage.create("account", newAccountRow(auth, identity, input.userId));
	} catch {
		return { ok: false, failure: { reason: "unable_to_link" } };
	}
	await updateUserInfo(auth, input.userId, identity);
	return { ok: true };
}

async function updateUserInfo(auth: AuthContext, userId: string, identity: ProviderIdentity): Promise<void> {
	if (!auth.options.account?.accountLinking?.updateUserInfoOnLink) return;
	await auth.storage.update("user", { id: userId }, { name: identity.user.name || undefined, image: identity.user.image ?? undefined, updatedAt: auth.now() });
}
