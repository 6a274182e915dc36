import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

/** Asks for a reset link by email; the link (in the outbox) opens `/reset-password?token=…`. */
export function ForgotPassword() {
	const { report, view } = useStatus();
	async function submit(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { error } = await authClient.requestPasswordReset({ email: field(new FormData(event.currentTarget), "email"), redirectTo: "/reset-password" });
		// The same answer whether or not the address has an account (no enumeration).
		report(error, "If the address has an account, a reset link is on its way.");
	}
	return (
		<form aria-label="Forgot password" onSubmit={submit}>
			<h2>Forgot your password?</h2>
			<label>
				Account email <input name="email" type="email" required maxLength={254} />
			</label>
			<button type="submit">Send a reset link</button>
			{view}
		</form>
	);
}
