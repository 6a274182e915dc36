import { API_KEY_ERROR_CODES, APIError } from "@latchkey/core";
import type { ResolvedApiKeyOptions } from "./options.ts";

const DAY_SECONDS = 86_400;

/** `expiresIn` (seconds) against the configured bounds (days), or refused when custom expiry is off. */
export function checkExpiresIn(options: ResolvedApiKeyOptions, expiresInSeconds: number): void {
	const { disableCustomExpiresTime, minExpiresIn, maxExpiresIn } = options.keyExpiration;
	if (disableCustomExpiresTime) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.KEY_DISABLED_EXPIRATION);
	const days = expiresInSeconds / DAY_SECONDS;
	if (days < minExpiresIn) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.EXPIRES_IN_IS_TOO_SMALL);
	if (days > maxExpiresIn) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.EXPIRES_IN_IS_TOO_LARGE);
}

/** A name within `minimumNameLength`..`maximumNameLength` characters, else 400 INVALID_NAME_LENGTH. */
export function checkName(options: ResolvedApiKeyOptions, name: string): void {
	if (name.length < options.minimumNameLength || name.length > options.maximumNameLength) {
		throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_NAME_LENGTH);
	}
}

/** Metadata must be a JSON object (arrays and scalars are 400 INVALID_METADATA_TYPE). */
export function checkMetadata(metadata: unknown): void {
	if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
		throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_METADATA_TYPE);
	}
}
