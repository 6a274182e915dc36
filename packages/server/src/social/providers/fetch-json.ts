import type * as oauth from "oauth4webapi";
import { oauthLib } from "../oauth/oauth-lib.ts";
import { requestOptions } from "../oauth/request-options.ts";

/**
 * GETs a provider API resource with the access token (RFC 6750 §2.1) and returns its JSON,
 * or `null` when the provider refuses or answers something else.
 */
export async function fetchProviderJson(url: string, accessToken: string, headers: Record<string, string> = {}): Promise<unknown> {
	// GitHub refuses requests without a User-Agent.
	const requestHeaders = new Headers({ accept: "application/json", "user-agent": "latchkey", ...headers });
	const response = await oauthLib().protectedResourceRequest(accessToken, "GET", new URL(url), requestHeaders, null, requestOptions(url));
	if (!response.ok) return null;
	try {
		return await response.json();
	} catch {
		return null;
	}
}

/** `value` when it is a plain JSON object, else `null`. */
export function asRecord(value: unknown): Record<string, unknown> | null {
	return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A non-empty string, or `null`. */
export function str(value: unknown): string | null {
	return typeof value === "string" && value.length > 0 ? value : null;
}

/** A string or a finite number as a string (provider ids are often numbers), or `null`. */
export function idString(value: unknown): string | null {
	if (typeof value === "number" && Number.isFinite(value)) return String(value);
	return str(value);
}
