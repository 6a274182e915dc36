let loaded: typeof import("oauth4webapi") | undefined;

/**
 * oauth4webapi, loaded on the first social sign-in step that needs it: an app without
 * `socialProviders` never loads it. Bun's `require` loads the ES module synchronously (the
 * same module instance as an `import`), so callers that build options synchronously can
 * still use its symbols (`allowInsecureRequests`, `nopkce`, …).
 */
export function oauthLib(): typeof import("oauth4webapi") {
	loaded ??= require("oauth4webapi") as typeof import("oauth4webapi");
	return loaded;
}
