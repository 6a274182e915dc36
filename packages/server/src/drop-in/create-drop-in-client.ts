import { createAuthClient } from "better-auth/client";
import { usernameClient } from "better-auth/client/plugins";
import type { LatchkeyOptions } from "../context/options.ts";
import { CookieJar, TEST_ORIGIN } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";

/** Options of {@link createDropInClient}. */
export interface DropInClientOptions {
	/** Keep cookies between calls like a browser (default true). `false` = a bearer-only app. */
	cookies?: boolean;
	/** Called with every `set-auth-token` header the server sends (bearer, spec/plugins.md §9). */
	onAuthToken?: (token: string) => void;
	/** Client-wide `fetchOptions.auth` bearer token, read before every request. */
	bearerToken?: () => string | undefined;
}

/**
 * The published Better Auth client (`better-auth@1.7.6`, unmodified) pointed at a Latchkey
 * test instance in process: its fetches go through a cookie jar into `auth.handler` with a
 * trusted `Origin`, as a browser on the app's origin would send them. Every request the
 * server saw is kept in `requests`, to check what went over the wire.
 */
export function createDropInClient(t: TestInstance<LatchkeyOptions>, options: DropInClientOptions = {}) {
	const jar = new CookieJar();
	const requests: Request[] = [];
	const handler = (request: Request): Promise<Response> => {
		requests.push(request.clone());
		return t.auth.handler(request, { ip: "127.0.0.1" });
	};
	const cookieless = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const request = new Request(input, init);
		if (!request.headers.has("origin")) request.headers.set("origin", TEST_ORIGIN);
		return handler(request);
	};
	const customFetchImpl = options.cookies === false ? cookieless : jar.wrap(handler, { origin: TEST_ORIGIN });
	const client = createAuthClient({
		baseURL: TEST_ORIGIN,
		plugins: [usernameClient()],
		fetchOptions: {
			customFetchImpl,
			...(options.bearerToken ? { auth: { type: "Bearer" as const, token: options.bearerToken } } : {}),
			onSuccess(context) {
				const token = context.response.headers.get("set-auth-token");
				if (token) options.onAuthToken?.(token);
			},
		},
	});
	return { client, jar, requests };
}

/** The Better Auth client returned by {@link createDropInClient}. */
export type DropInClient = ReturnType<typeof createDropInClient>["client"];

/**
 * GETs `url` (an emailed link, absolute or relative to the auth base) through the client's
 * `$fetch`, and returns the status and the `Location` a browser would follow. The client
 * reports a 3xx as `error: { status }`, so the location is read from the raw response.
 */
export async function followLink(client: DropInClient, url: string): Promise<{ status: number; location: string | null }> {
	const seen: { location: string | null } = { location: null };
	const { error } = await client.$fetch(url, {
		method: "GET",
		onResponse(context) {
			seen.location = context.response.headers.get("location");
		},
	});
	return { status: error?.status ?? 200, location: seen.location };
}

/** The name of the session cookie the Better Auth client's browser would hold. */
export const SESSION_COOKIE = "better-auth.session_token";

/** Resolves once `predicate` holds, polling briefly; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
