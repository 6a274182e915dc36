import { useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { errorText, field } from "./status.tsx";

/** `/reset-password?token=…` (from the emailed link): choose a new password. */
export function ResetPassword() {
	const params = new URLSearchParams(location.search);
	const token = params.get("token");
	const [done, setDone] = useState(false);
	const [error, setError] = useState(params.get("error") ? "This reset link is invalid or has expired." : "");

	async function submit(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!token) return;
		const { error } = await authClient.resetPassword({ newPassword: field(new FormData(event.currentTarget), "password"), token });
		if (error) setError(errorText(error, "Could not reset the password"));
		else setDone(true);
	}

	if (done) {
		return (
			<p role="status">
				Your password was changed and every session signed out. <a href="/">Sign in</a>
			</p>
		);
	}
	return (
		<section>
			{token && (
				<form aria-label="Reset password" onSubmit={submit}>
					<h2>Choose a new password</h2>
					<label>
						New password <input name="password" type="password" autoComplete="new-password" minLength={8} maxLength={128} required />
					</label>
					<button type="submit">Reset password</button>
				</form>
			)}
			{error && <p role="alert">{error}</p>}
			<a href="/">Back</a>
		</section>
	);
}
