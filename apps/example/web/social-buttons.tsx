import { useEffect, useState } from "react";
import { authClient } from "./client.ts";
import { errorText } from "./status.tsx";

/** The server's `GET /config.json` (see `ExampleConfig` in src/app.ts). */
async function configuredProviders(): Promise<string[]> {
	const response = await fetch("/config.json");
	if (!response.ok) return [];
	const body: unknown = await response.json();
	if (typeof body !== "object" || body === null || !("socialProviders" in body) || !Array.isArray(body.socialProviders)) return [];
	return body.socialProviders.filter((p): p is string => typeof p === "string");
}

function label(provider: string): string {
	return provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** One "Continue with <provider>" button per configured social provider; nothing when none is. */
export function SocialButtons({ onError }: { onError: (message: string) => void }) {
	const [providers, setProviders] = useState<string[]>([]);
	useEffect(() => {
		configuredProviders().then(setProviders, () => setProviders([]));
	}, []);

	async function continueWith(provider: string) {
		// Back to this page either way (an invitation link keeps its `?invitation=`); a refusal
		// arrives as `?error=<code>`, which the sign-in page turns into a message.
		const here = location.pathname + location.search;
		const { error } = await authClient.signIn.social({ provider, callbackURL: here, errorCallbackURL: here });
		if (error) onError(errorText(error, `Sign-in with ${label(provider)} failed`));
	}

	if (providers.length === 0) return null;
	return (
		<div role="group" aria-label="Social sign-in">
			{providers.map((provider) => (
				<button key={provider} type="button" onClick={() => continueWith(provider)}>
					Continue with {label(provider)}
				</button>
			))}
		</div>
	);
}
