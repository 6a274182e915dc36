import type { LatchkeyOptions } from "@latchkey/server";

/**
 * Social providers of the reference server, read from the environment (issue 4).
 * Placeholder: none yet.
 */
export function socialProvidersFromEnv(_env: Record<string, string | undefined> = process.env): NonNullable<LatchkeyOptions["socialProviders"]> {
	return {};
}
