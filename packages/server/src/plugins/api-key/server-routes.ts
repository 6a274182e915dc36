import { API_KEY_ERROR_CODES, deleteAllExpiredApiKeys as cleanupRoute, isAPIError, verifyApiKey as verifyRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import type { ExpiredKeyCleanup } from "./cleanup.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";
import { toApiKeyOutput } from "./output.ts";
import { validateApiKey } from "./verify.ts";

/** A refusal as `verifyApiKey` reports it. */
interface VerifyError {
	message: string;
	code: string;
	details?: { tryAgainIn: number };
}

/** The `{ message, code, details? }` of a thrown refusal; anything unexpected reads as INVALID_API_KEY. */
function toVerifyError(error: unknown): VerifyError {
	if (!isAPIError(error) || !error.body?.code) return { ...API_KEY_ERROR_CODES.INVALID_API_KEY };
	const details = (error.body as { details?: { tryAgainIn: number } }).details;
	return { message: error.body.message, code: error.body.code, ...(details ? { details } : {}) };
}

/** The server-only endpoints: not on the HTTP router (404 there), callable through `auth.api`. */
export function serverEndpoints(
	options: ResolvedApiKeyOptions,
	cleanup: ExpiredKeyCleanup,
): { verifyApiKey: Endpoint<typeof verifyRoute>; deleteAllExpiredApiKeys: Endpoint<typeof cleanupRoute> } {
	/**
	 * `auth.api.verifyApiKey({ body: { key, permissions? } })`: checks a key and spends one
	 * use; `{ valid: true, error: null, key }` or `{ valid: false, error: { message, code }, key: null }`.
	 */
	const verifyApiKey = defineEndpoint(
		verifyRoute,
		"none",
		async ({ auth, body }) => {
			try {
				const { row } = await validateApiKey(auth, options, body);
				return { valid: true as const, error: null, key: toApiKeyOutput(row) };
			} catch (error) {
				return { valid: false as const, error: toVerifyError(error), key: null };
			}
		},
		{ serverOnly: true },
	);

	/** `auth.api.deleteAllExpiredApiKeys()`: deletes every expired key now, whatever the throttle. */
	const deleteAllExpiredApiKeys = defineEndpoint(
		cleanupRoute,
		"none",
		async ({ auth }) => {
			try {
				await cleanup.run(auth);
				return { success: true, error: null };
			} catch {
				return { success: false, error: { message: "Failed to delete expired API keys" } };
			}
		},
		{ serverOnly: true },
	);

	return { verifyApiKey, deleteAllExpiredApiKeys };
}
