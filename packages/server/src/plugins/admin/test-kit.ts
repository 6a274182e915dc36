import type { LatchkeyOptions } from "../../context/options.ts";
import type { Api } from "../../endpoint/api.ts";
import { generateId } from "../../crypto/random.ts";
import { getTestInstance } from "../../testing/index.ts";
import type { Dialect, TestClient, TestInstance } from "../../testing/index.ts";
import type { UserRow } from "../../storage/rows.ts";
import { username } from "../username/index.ts";
import { admin } from "./index.ts";
import type { AdminOptions } from "./index.ts";

/** A signed-in test user. */
export interface Actor {
	client: TestClient;
	id: string;
	email: string;
	token: string;
}

/** A test instance with `username()` and `admin(options)`, a signed-in admin and a signed-in plain user. */
export interface AdminTestInstance {
	t: TestInstance<LatchkeyOptions>;
	/** `auth.api` with the admin functions typed. */
	api: Api<ReturnType<typeof admin>["endpoints"]>;
	admin: Actor;
	user: Actor;
	/** Signs up a new user (role "user") and returns it signed in. */
	signUp(input?: { email?: string; password?: string; name?: string }): Promise<Actor>;
	/** Sets a user's role directly in the store. */
	setRole(id: string, role: string): Promise<void>;
	/** Signs a user in again by email and password; returns the response. */
	signIn(email: string, password?: string): Promise<Response>;
	/** The user row as stored. */
	row(id: string): Promise<UserRow | null>;
	/** Inserts a user row directly (fast seeding); `createdAt` defaults to a fixed base plus `index` seconds. */
	seedUser(fields: Partial<UserRow> & { email: string }, index?: number): Promise<UserRow>;
}

export const PASSWORD = "password1234";

let seq = 0;

/** Builds an admin test instance; `overrides` go to `getTestInstance`. */
export async function adminTestInstance(dialect: Dialect, options: AdminOptions = {}, overrides: Partial<LatchkeyOptions> = {}): Promise<AdminTestInstance> {
	const t = await getTestInstance(dialect, { plugins: [username(), admin(options)], ...overrides });
	const storage = t.auth.$context.storage;
	const signUp: AdminTestInstance["signUp"] = async (input = {}) => {
		seq++;
		const email = input.email ?? `member${seq}@example.com`;
		const { client, body } = await t.signUp({ email, password: input.password ?? PASSWORD, name: input.name ?? `Member ${seq}` });
		return { client, id: body.user.id, email, token: body.token };
	};
	const setRole = async (id: string, role: string) => {
		await storage.update("user", { id }, { role });
	};
	const adminActor = await signUp({ email: `admin${++seq}@example.com`, name: "Admin" });
	await setRole(adminActor.id, "admin");
	const userActor = await signUp({ email: `plain${++seq}@example.com`, name: "Plain" });
	return {
		t,
		// Sound: the instance was built with admin(), so its api holds one function per admin endpoint.
		api: t.auth.api as unknown as AdminTestInstance["api"],
		admin: adminActor,
		user: userActor,
		signUp,
		setRole,
		signIn: (email, password = PASSWORD) => t.client().request("/sign-in/email", { json: { email, password } }),
		row: (id) => storage.findOne("user", { id }),
		seedUser: (fields, index = 0) => {
			const at = new Date(Date.UTC(2024, 0, 1) + index * 1000);
			return storage.create("user", {
				id: generateId(),
				name: "Seeded",
				emailVerified: false,
				image: null,
				createdAt: at,
				updatedAt: at,
				username: null,
				displayUsername: null,
				role: "user",
				banned: false,
				banReason: null,
				banExpires: null,
				...fields,
			});
		},
	};
}

/** Posts JSON to an admin route and returns status and parsed body (`null` for an empty one). */
export async function call(client: TestClient, path: string, json?: unknown): Promise<{ status: number; body: unknown }> {
	const response = await client.request(path, json === undefined ? {} : { json });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}
