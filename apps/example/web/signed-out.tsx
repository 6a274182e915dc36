import { useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { ForgotPassword } from "./forgot-password.tsx";
import { takeRedirectError } from "./sign-in-error.ts";
import { SocialButtons } from "./social-buttons.tsx";
import { errorText, field } from "./status.tsx";
import { TwoFactorChallenge } from "./two-factor-challenge.tsx";
import { usePendingTwoFactor } from "./two-factor-pending.ts";

/**
 * Sign up, sign in with a password (by email or username), with a passkey or a social
 * provider, or ask for a password reset. After a password sign-in that needs a second factor,
 * the code form replaces all of this. A failed social sign-in comes back as `?error=<code>`,
 * shown here as a readable message.
 */
export function SignedOut({ invitation }: { invitation: boolean }) {
	const [message, setMessage] = useState(takeRedirectError);
	const pendingTwoFactor = usePendingTwoFactor();
	if (pendingTwoFactor) return <TwoFactorChallenge methods={pendingTwoFactor} />;

	async function signUp(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = new FormData(event.currentTarget);
		const username = field(form, "username");
		const { error } = await authClient.signUp.email({
			name: field(form, "name"),
			email: field(form, "email"),
			password: field(form, "password"),
			...(username ? { username } : {}),
			// Where the verification link (in the outbox) lands.
			callbackURL: location.pathname + location.search,
		});
		setMessage(error ? errorText(error, "Sign-up failed") : "");
	}

	async function signIn(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = new FormData(event.currentTarget);
		const identifier = field(form, "identifier");
		const password = field(form, "password");
		const { error } = identifier.includes("@") ? await authClient.signIn.email({ email: identifier, password }) : await authClient.signIn.username({ username: identifier, password });
		setMessage(error ? errorText(error, "Sign-in failed") : "");
	}

	async function passkeySignIn() {
		const { error } = await authClient.signIn.passkey();
		setMessage(error ? errorText(error, "Passkey sign-in failed") : "");
	}

	return (
		<section>
			{invitation && <p className="banner">Sign in (or sign up with the invited address) to answer the invitation.</p>}
			<form aria-label="Sign up" onSubmit={signUp}>
				<h2>Create an account</h2>
				<label>
					Name <input name="name" autoComplete="name" required maxLength={128} />
				</label>
				<label>
					Email <input name="email" type="email" autoComplete="username" required maxLength={254} />
				</label>
				<label>
					Username (optional) <input name="username" autoComplete="off" minLength={3} maxLength={30} />
				</label>
				<label>
					Password <input name="password" type="password" autoComplete="new-password" minLength={8} maxLength={128} required />
				</label>
				<button type="submit">Sign up</button>
			</form>
			<form aria-label="Sign in" onSubmit={signIn}>
				<h2>Sign in</h2>
				<label>
					Email or username <input name="identifier" autoComplete="username webauthn" required maxLength={254} />
				</label>
				<label>
					Password <input name="password" type="password" autoComplete="current-password" required maxLength={128} />
				</label>
				<button type="submit">Sign in</button>
				<button type="button" onClick={passkeySignIn}>
					Sign in with a passkey
				</button>
				<SocialButtons onError={setMessage} />
			</form>
			{message && <p role="alert">{message}</p>}
			<ForgotPassword />
		</section>
	);
}
