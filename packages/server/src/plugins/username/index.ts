import { APIError, USERNAME_ERROR_CODES, isUsernameAvailable as availableRoute, signInUsername as signInRoute } from "@latchkey/core";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { signInWithPassword } from "../../credentials/password-sign-in.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { LatchkeyPlugin, UserInputHook } from "../../plugin.ts";
import type { UserRow } from "../../storage/rows.ts";
import type { UsernameOptions } from "./options.ts";
import { checkUsername } from "./validate.ts";

export type { UsernameOptions } from "./options.ts";

/**
 * Username sign-in: `POST /sign-in/username`, `POST /is-username-available`, and
 * `username` / `displayUsername` on sign-up and update (spec/plugins.md §2).
 *
 * @example
 * createLatchkey({ emailAndPassword: { enabled: true }, plugins: [username({ minUsernameLength: 4 })] });
 */
export function username(options: UsernameOptions = {}) {
	const signInUsername = defineEndpoint(signInRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const name = await checkUsername(options, body.username, "UNPROCESSABLE_ENTITY");
		checkPasswordLength(auth, body.password, { minimum: false });
		const user = await auth.storage.findOne("user", { username: name });
		return signInWithPassword(ctx, {
			user,
			identifier: { kind: "username", value: name },
			password: body.password,
			rememberMe: body.rememberMe,
			callbackURL: body.callbackURL,
			invalid: USERNAME_ERROR_CODES.INVALID_USERNAME_OR_PASSWORD,
			notVerified: USERNAME_ERROR_CODES.EMAIL_NOT_VERIFIED,
		});
	});

	const isUsernameAvailable = defineEndpoint(availableRoute, "none", async (ctx) => {
		const name = await checkUsername(options, ctx.body.username, "UNPROCESSABLE_ENTITY");
		const taken = await ctx.auth.storage.findOne("user", { username: name });
		return { available: taken === null };
	});

	const userInput: UserInputHook = async ({ body, mode, current, auth }) => {
		const rawUsername = typeof body.username === "string" ? body.username : undefined;
		const rawDisplay = typeof body.displayUsername === "string" ? body.displayUsername : undefined;
		if (rawUsername === undefined && rawDisplay === undefined) return {};
		const out: Partial<UserRow> = {};
		if (rawDisplay !== undefined) {
			// NUL is refused whatever the validator says: PostgreSQL cannot store it (a 500).
			if (options.displayUsernameValidator && !(await options.displayUsernameValidator(rawDisplay))) {
				throw APIError.from("BAD_REQUEST", USERNAME_ERROR_CODES.INVALID_DISPLAY_USERNAME);
			}
			out.displayUsername = options.displayUsernameNormalization ? options.displayUsernameNormalization(rawDisplay) : rawDisplay;
		}
		const source = rawUsername ?? rawDisplay;
		if (source === undefined) return out;
		const name = await checkUsername(options, source, "BAD_REQUEST");
		if (mode === "update" && current?.username && current.username !== name && options.immutableUsername) {
			throw APIError.from("BAD_REQUEST", USERNAME_ERROR_CODES.USERNAME_IS_IMMUTABLE);
		}
		const owner = await auth.storage.findOne("user", { username: name });
		if (owner && owner.id !== current?.id) throw APIError.from("BAD_REQUEST", USERNAME_ERROR_CODES.USERNAME_IS_ALREADY_TAKEN);
		out.username = name;
		if (out.displayUsername === undefined) out.displayUsername = rawUsername ?? name;
		return out;
	};

	return {
		id: "username",
		endpoints: { signInUsername, isUsernameAvailable },
		userFields: ["username", "displayUsername"],
		userInput,
		rateLimit: { "/is-username-available": { window: 10, max: 10 } },
	} satisfies LatchkeyPlugin;
}
