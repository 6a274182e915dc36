let loaded: typeof import("jose") | undefined;

/**
 * jose, loaded on first use (an email-verification token, an ID token, a stored ID token's
 * claims): an app that does none of these at start never loads it. Bun's `require` loads the
 * ES module synchronously, the same instance an `import` would give.
 */
export function joseLib(): typeof import("jose") {
	loaded ??= require("jose") as typeof import("jose");
	return loaded;
}
