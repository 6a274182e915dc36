import type { LatchkeyOptions } from "../../context/options.ts";
import { getTestInstance } from "../../testing/index.ts";
import type { Dialect, TestClient, TestInstance } from "../../testing/index.ts";
import { username } from "../username/index.ts";
import { organization } from "./index.ts";
import type { InvitationEmail, OrganizationOptions } from "./index.ts";

/** A manual clock starting at 2030-01-01. */
export function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = Date.parse("2030-01-01T00:00:00.000Z");
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** A signed-in test user. */
export interface OrgUser {
	client: TestClient;
	id: string;
	email: string;
}

/** A test instance with `organization()` mounted, a manual clock and captured invitation mails. */
export interface OrgTestInstance {
	t: TestInstance<LatchkeyOptions>;
	clock: ReturnType<typeof manualClock>;
	mails: InvitationEmail[];
	/** Signs up a user (email `<name>@example.com`). */
	user(name: string): Promise<OrgUser>;
	/**
	 * POSTs JSON (or GETs when `json` is omitted) and returns status and parsed body, typed as
	 * the caller says (the tests assert the shapes they rely on).
	 */
	call<T = Body>(client: TestClient, path: string, json?: unknown): Promise<{ status: number; body: T }>;
	/** Creates an organization as `owner` and returns its id. */
	createOrg(owner: OrgUser, slug: string, extra?: Record<string, unknown>): Promise<string>;
	/** Advances the clock 1 s, invites `invitee` as `role` and has them accept; returns the new member's id. */
	addMember(inviter: OrgUser, invitee: OrgUser, organizationId: string, role: string): Promise<string>;
}

/** A parsed JSON object body with the fields most tests read. */
export type Body = Record<string, unknown> & { id: string; code?: string; message?: string };

/** Builds an instance with the organization plugin and helpers for the tests of this folder. */
export async function orgInstance(dialect: Dialect, options: OrganizationOptions = {}, extra: Partial<LatchkeyOptions> = {}): Promise<OrgTestInstance> {
	const clock = manualClock();
	const mails: InvitationEmail[] = [];
	const t = await getTestInstance(dialect, {
		now: clock.now,
		plugins: [username(), organization({ sendInvitationEmail: (mail) => void mails.push(mail), ...options })],
		...extra,
	});
	const call = async <T = Body>(client: TestClient, path: string, json?: unknown): Promise<{ status: number; body: T }> => {
		const res = await client.request(path, json === undefined ? {} : { json });
		const text = await res.text();
		// Sound: a test-only reading of JSON; each test asserts the shape it relies on.
		return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
	};
	const kit: OrgTestInstance = {
		t,
		clock,
		mails,
		async user(name) {
			const email = `${name}@example.com`;
			const { client, body } = await t.signUp({ email, name });
			return { client, id: body.user.id, email };
		},
		call,
		async createOrg(owner, slug, more = {}) {
			const res = await call(owner.client, "/organization/create", { name: `Org ${slug}`, slug, ...more });
			if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
			return res.body.id;
		},
		async addMember(inviter, invitee, organizationId, role) {
			// One second apart, so lists sorted by createdAt have one order on every database.
			clock.advance(1);
			const invited = await call(inviter.client, "/organization/invite-member", { email: invitee.email, role, organizationId });
			if (invited.status !== 200) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
			const accepted = await call<{ member: { id: string } }>(invitee.client, "/organization/accept-invitation", { invitationId: invited.body.id });
			if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
			return accepted.body.member.id;
		},
	};
	return kit;
}
