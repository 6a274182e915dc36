import { authClient } from "./client.ts";
import { errorText } from "./status.tsx";
import { useState } from "react";

type SessionData = NonNullable<ReturnType<typeof authClient.useSession>["data"]>;

/** Who is signed in, sign out, and the banner with "Stop impersonating" while an admin acts as someone else. */
export function SignedInBar({ session }: { session: SessionData }) {
	const [error, setError] = useState("");
	async function stop() {
		const { error } = await authClient.admin.stopImpersonating();
		setError(error ? errorText(error) : "");
	}
	return (
		<>
			{session.session.impersonatedBy && (
				<p className="banner" role="note" aria-label="Impersonation">
					You are impersonating <strong>{session.user.email}</strong>.{" "}
					<button type="button" onClick={stop}>
						Stop impersonating
					</button>
				</p>
			)}
			<p>
				Signed in as <strong data-testid="user-email">{session.user.email}</strong>{" "}
				<button type="button" onClick={() => authClient.signOut()}>
					Sign out
				</button>
			</p>
			{error && <p role="alert">{error}</p>}
		</>
	);
}
