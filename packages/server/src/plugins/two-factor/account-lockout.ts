import { APIError, TWO_FACTOR_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import type { TwoFactorRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";

/** The per-account budget of failed sign-in verifications, across challenges and factors. */
export interface AccountLockout {
	/** 429 ACCOUNT_TEMPORARILY_LOCKED while locked; clears a lock that has run out. */
	assertNotLocked(): Promise<void>;
	recordFailure(): Promise<void>;
	/** A success: only consecutive failures count. */
	reset(): Promise<void>;
}

const NO_LOCKOUT: AccountLockout = { assertNotLocked: async () => {}, recordFailure: async () => {}, reset: async () => {} };

/**
 * The lockout of one account (spec/plugins.md §3.2; NIST SP 800-63B §5.2.2; SECURITY.md rules
 * 7 and 15): after `maxFailedAttempts` failures the account refuses verifications for
 * `durationSeconds`. A new challenge (sign in again) or a new email code does not reset it.
 *
 * With a `twoFactor` row the count lives in its `failedVerificationCount` / `lockedUntil`
 * (Better Auth's columns, bumped atomically). Email-OTP users have no row; their failures are
 * rows `2fa-failure-<userId>` that expire after `durationSeconds`, so the lock holds while
 * `maxFailedAttempts` failures are younger than that.
 */
export function accountLockout(auth: AuthContext, options: ResolvedTwoFactorOptions, userId: string, row: TwoFactorRow | null): AccountLockout {
	const { enabled, maxFailedAttempts, durationSeconds } = options.lockout;
	if (!enabled) return NO_LOCKOUT;
	if (!row) return failureRowsLockout(auth, userId, { maxFailedAttempts, durationSeconds });
	const { storage } = auth;
	return {
		async assertNotLocked() {
			if (!row.lockedUntil) return;
			const now = auth.now();
			if (row.lockedUntil.getTime() > now.getTime()) throw APIError.from("TOO_MANY_REQUESTS", TWO_FACTOR_ERROR_CODES.ACCOUNT_TEMPORARILY_LOCKED);
			await storage.update("twoFactor", { id: row.id, lockedUntil: cmp.lte(now) }, { failedVerificationCount: 0, lockedUntil: null });
		},
		async recordFailure() {
			// A row from before the column existed holds NULL, and NULL + 1 stays NULL.
			if (row.failedVerificationCount === null) await storage.update("twoFactor", { id: row.id }, { failedVerificationCount: 0 });
			const bumped = await storage.increment("twoFactor", { id: row.id }, "failedVerificationCount", 1);
			if ((bumped?.failedVerificationCount ?? 0) < maxFailedAttempts) return;
			const lockedUntil = new Date(auth.now().getTime() + durationSeconds * 1000);
			await storage.update("twoFactor", { id: row.id, failedVerificationCount: cmp.gte(maxFailedAttempts) }, { lockedUntil });
		},
		async reset() {
			await storage.update("twoFactor", { id: row.id }, { failedVerificationCount: 0, lockedUntil: null });
		},
	};
}

function failureRowsLockout(auth: AuthContext, userId: string, limits: { maxFailedAttempts: number; durationSeconds: number }): AccountLockout {
	const identifier = `2fa-failure-${userId}`;
	return {
		async assertNotLocked() {
			const recent = await auth.storage.count("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
			if (recent >= limits.maxFailedAttempts) throw APIError.from("TOO_MANY_REQUESTS", TWO_FACTOR_ERROR_CODES.ACCOUNT_TEMPORARILY_LOCKED);
		},
		async recordFailure() {
			await createVerification(auth, { identifier, value: userId, expiresInSeconds: limits.durationSeconds });
		},
		async reset() {
			await auth.storage.delete("verification", { identifier });
		},
	};
}
