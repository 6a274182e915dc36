/** Options of the `username()` plugin; defaults are Better Auth's (spec/plugins.md §2.2). */
export interface UsernameOptions {
	/** Default 3. */
	minUsernameLength?: number;
	/** Default 30. */
	maxUsernameLength?: number;
	/** Default: `^[a-zA-Z0-9_.]+$`. */
	usernameValidator?: (username: string) => boolean | Promise<boolean>;
	/** Default: lowercase. `false` stores usernames as typed. */
	usernameNormalization?: ((username: string) => string) | false;
	displayUsernameValidator?: (displayUsername: string) => boolean | Promise<boolean>;
	displayUsernameNormalization?: (displayUsername: string) => string;
	/** Validate before (default) or after normalisation. */
	validationOrder?: { username?: "pre-normalization" | "post-normalization" };
	/** Once set, `/update-user` cannot change the username. Default false. */
	immutableUsername?: boolean;
}
