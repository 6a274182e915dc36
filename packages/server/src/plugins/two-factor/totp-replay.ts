import type { AuthContext } from "../../context/create-context.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";

/**
 * Records that `userId` used the code of time step `counter`, and says whether it was the
 * first use. RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP
 * after the successful validation has been issued for the first OTP" (SECURITY.md rule 7;
 * Better Auth does not do this). The row's primary key is derived from user and step, so
 * the check is one atomic insert: of twenty parallel uses, the database lets one through
 * and refuses the others on the unique key.
 */
export async function markTotpStepUsed(auth: AuthContext, userId: string, counter: number, period: number): Promise<boolean> {
	const now = auth.now();
	const identifier = `2fa-totp-used-${userId}`;
	// Kept until the step has left the ±1 window: after that the code fails on time alone.
	const expiresAt = new Date((counter + 2) * period * 1000);
	try {
		await auth.storage.create("verification", { id: `totp-${userId}-${counter}`, identifier, value: String(counter), expiresAt, createdAt: now, updatedAt: now });
	} catch (error) {
		if (isUniqueViolation(error)) return false;
		throw error;
	}
	await auth.storage.delete("verification", { identifier, expiresAt: cmp.lte(now) });
	return true;
}
