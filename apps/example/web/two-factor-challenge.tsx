import { useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";
import type { ErrorLike } from "./status.tsx";
import { setPendingTwoFactor } from "./two-factor-pending.ts";

/**
 * The second step of a sign-in: an authenticator code, a one-time code sent by email (to the
 * outbox here), or a backup code. There is no session until one of them is accepted.
 */
export function TwoFactorChallenge({ methods }: { methods: readonly ("totp" | "otp")[] }) {
	const { report, view } = useStatus();
	const [otpSent, setOtpSent] = useState(false);

	function done(error: ErrorLike | null) {
		if (report(error, "Signed in")) setPendingTwoFactor(null);
	}
	function submitWith(verify: (code: string, trustDevice: boolean) => Promise<{ error: ErrorLike | null }>) {
		return async (event: FormEvent<HTMLFormElement>) => {
			event.preventDefault();
			const form = new FormData(event.currentTarget);
			const { error } = await verify(field(form, "code").trim(), form.get("trustDevice") === "on");
			done(error);
		};
	}
	async function sendOtp() {
		const { error } = await authClient.twoFactor.sendOtp();
		if (report(error, "A code was sent to your email")) setOtpSent(true);
	}

	return (
		<section aria-label="Two-factor sign-in">
			<h2>Two-factor authentication</h2>
			{methods.includes("totp") && (
				<form aria-label="Authenticator code" onSubmit={submitWith((code, trustDevice) => authClient.twoFactor.verifyTotp({ code, trustDevice }))}>
					<label>
						Code from your authenticator app <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={10} />
					</label>
					<label>
						<span>
							<input name="trustDevice" type="checkbox" /> Trust this browser for 30 days
						</span>
					</label>
					<button type="submit">Verify code</button>
				</form>
			)}
			{methods.includes("otp") && (
				<form aria-label="Email code" onSubmit={submitWith((code, trustDevice) => authClient.twoFactor.verifyOtp({ code, trustDevice }))}>
					<button type="button" onClick={sendOtp}>
						Email me a code
					</button>
					{otpSent && (
						<>
							<label>
								Code from the email <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={10} />
							</label>
							<button type="submit">Verify email code</button>
						</>
					)}
				</form>
			)}
			<form aria-label="Backup code" onSubmit={submitWith((code, trustDevice) => authClient.twoFactor.verifyBackupCode({ code, trustDevice }))}>
				<label>
					Backup code <input name="code" autoComplete="off" required maxLength={32} />
				</label>
				<button type="submit">Use backup code</button>
			</form>
			{view}
			<button type="button" onClick={() => setPendingTwoFactor(null)}>
				Cancel
			</button>
		</section>
	);
}
