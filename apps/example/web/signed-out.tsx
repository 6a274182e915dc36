import { useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";

/** Sign up, sign in with a password, or sign in with a passkey. */
export function SignedOut() {
	const [message, setMessage] = useState("");

	async function submit(event: FormEvent<HTMLFormElement>, mode: "sign-up" | "sign-in") {
		event.preventDefault();
		const form = new FormData(event.currentTarget);
		const email = String(form.get("email"));
		const password = String(form.get("password"));
		const { error } =
			mode === "sign-up" ? await authClient.signUp.email({ name: String(form.get("name")), email, password }) : await authClient.signIn.email({ email, password });
		setMessage(error ? (error.message ?? `Error ${error.status}`) : "");
	}

	async function passkeySignIn() {
		const { error } = await authClient.signIn.passkey();
		setMessage(error ? (error.message ?? "Passkey sign-in failed") : "");
	}

	return (
		<section>
			<form aria-label="Sign up" onSubmit={(e) => submit(e, "sign-up")}>
				<h2>Create an account</h2>
				<label>
					Name <input name="name" autoComplete="name" required />
				</label>
				<label>
					Email <input name="email" type="email" autoComplete="username" required />
				</label>
				<label>
					Password <input name="password" type="password" autoComplete="new-password" minLength={8} required />
				</label>
				<button type="submit">Sign up</button>
			</form>
			<form aria-label="Sign in" onSubmit={(e) => submit(e, "sign-in")}>
				<h2>Sign in</h2>
				<label>
					Email <input name="email" type="email" autoComplete="username webauthn" required />
				</label>
				<label>
					Password <input name="password" type="password" autoComplete="current-password" required />
				</label>
				<button type="submit">Sign in</button>
				<button type="button" onClick={passkeySignIn}>
					Sign in with a passkey
				</button>
			</form>
			{message && <p role="alert">{message}</p>}
		</section>
	);
}
