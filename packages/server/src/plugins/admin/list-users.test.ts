import { describe, expect, test } from "bun:test";
import { testDialects } from "../../testing/index.ts";
import type { UserRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import { adminTestInstance, call } from "./test-kit.ts";
import type { AdminTestInstance } from "./test-kit.ts";

/**
 * `GET /admin/list-users` on 300 seeded users plus the two signed-up ones. Expected answers
 * come from a plain JS model of the same rows (names and emails are lowercase letters and
 * digits, so every collation orders them alike).
 */

const SEEDED = 300;
const DOMAINS = ["alpha", "beta", "gamma"] as const;
const NAMES = ["ann", "bob", "cy"] as const;
const pad = (i: number) => String(i).padStart(3, "0");

async function seed(k: AdminTestInstance): Promise<UserRow[]> {
	const rows: UserRow[] = [];
	for (let i = 0; i < SEEDED; i++) {
		rows.push(
			await k.seedUser(
				{
					email: `user${pad(i)}@${DOMAINS[i % 3]}.test`,
					name: `${NAMES[i % 3]}${pad(SEEDED - i)}`,
					role: i % 10 === 0 ? "admin" : "user",
					banned: i % 7 === 0,
					emailVerified: i % 2 === 0,
				},
				i,
			),
		);
	}
	return rows;
}

type ListBody = { users: { id: string; email: string; name: string }[]; total: number; limit?: number; offset?: number };

async function list(k: AdminTestInstance, query: string): Promise<{ status: number; body: ListBody }> {
	const res = await call(k.admin.client, `/admin/list-users${query}`);
	return { status: res.status, body: res.body as ListBody };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

for (const dialect of await testDialects()) {
	describe(`GET /admin/list-users [${dialect}]`, () => {
		test("search: contains / starts_with / ends_with on email and name, case-insensitive; total matches", async () => {
			const k = await adminTestInstance(dialect);
			const seeded = await seed(k);
			const all = await list(k, "");
			expect(all.status).toBe(200);
			expect(all.body.total).toBe(SEEDED + 2);
			expect(all.body.users).toHaveLength(SEEDED + 2);
			expect(all.body).not.toHaveProperty("limit");
			expect(all.body).not.toHaveProperty("offset");

			const alpha = seeded.filter((r) => r.email.includes("@alpha."));
			for (const q of ["?searchValue=alpha", "?searchValue=ALPHA&searchField=email&searchOperator=contains"]) {
				const res = await list(k, q);
				expect(res.body.total).toBe(alpha.length);
				expect(ids(res.body.users)).toEqual(ids(alpha));
			}
			const bobs = seeded.filter((r) => r.name.startsWith("bob"));
			const byName = await list(k, "?searchField=name&searchOperator=starts_with&searchValue=Bob");
			expect(ids(byName.body.users)).toEqual(ids(bobs));
			const gamma = await list(k, "?searchOperator=ends_with&searchValue=%40gamma.test");
			expect(gamma.body.total).toBe(seeded.filter((r) => r.email.endsWith("@gamma.test")).length);
			const none = await list(k, "?searchOperator=starts_with&searchValue=alpha");
			expect(none.body).toEqual({ users: [], total: 0 });
		});

		test("filters: eq, ne, in, lt/gt on dates, booleans from strings, combined with a search (AND)", async () => {
			const k = await adminTestInstance(dialect);
			const seeded = await seed(k);
			const everyone = [...seeded, (await k.row(k.admin.id)) as UserRow, (await k.row(k.user.id)) as UserRow];
			const expectIds = async (query: string, expected: UserRow[]) => {
				const res = await list(k, query);
				expect(res.status).toBe(200);
				expect(res.body.total).toBe(expected.length);
				expect(ids(res.body.users)).toEqual(ids(expected));
			};
			await expectIds("?filterField=role&filterValue=admin", everyone.filter((r) => r.role === "admin"));
			await expectIds("?filterField=role&filterValue=admin&filterOperator=ne", everyone.filter((r) => r.role !== "admin"));
			await expectIds("?filterField=banned&filterValue=true", everyone.filter((r) => r.banned));
			await expectIds("?filterField=emailVerified&filterValue=false&searchField=name&searchValue=cy", everyone.filter((r) => !r.emailVerified && r.name.includes("cy")));
			const cut = seeded[150]?.createdAt ?? new Date();
			await expectIds(`?filterField=createdAt&filterOperator=lt&filterValue=${cut.toISOString()}`, everyone.filter((r) => r.createdAt < cut));
			await expectIds(`?filterField=createdAt&filterOperator=gte&filterValue=${cut.getTime()}&searchValue=.test`, seeded.filter((r) => r.createdAt >= cut));
			const picked = [seeded[3], seeded[40], seeded[299]].filter((r): r is UserRow => r !== undefined);
			await expectIds(`?filterField=email&filterOperator=in${picked.map((r) => `&filterValue=${encodeURIComponent(r.email)}`).join("")}`, picked);
			await expectIds("?filterField=email&filterValue=user003%40alpha.test&searchValue=alpha", seeded.filter((r) => r.email === "user003@alpha.test"));
			await expectIds("?filterField=email&filterValue=user003%40alpha.test&searchValue=beta", []);
			await expectIds("?filterField=name&filterOperator=starts_with&filterValue=ANN", seeded.filter((r) => r.name.startsWith("ann")));
		});

		test("sort and page: every page in order, no row twice, limit/offset echoed unless zero", async () => {
			const k = await adminTestInstance(dialect);
			const seeded = await seed(k);
			const expected = [...seeded].sort((a, b) => (a.name < b.name ? 1 : -1)).map((r) => r.id);
			const seen: string[] = [];
			for (let offset = 0; offset < SEEDED; offset += 40) {
				const res = await list(k, `?searchValue=.test&sortBy=name&sortDirection=desc&limit=40&offset=${offset}`);
				expect(res.body.total).toBe(SEEDED);
				expect(res.body.limit).toBe(40);
				expect(res.body.offset).toBe(offset === 0 ? undefined : offset);
				seen.push(...res.body.users.map((u) => u.id));
			}
			expect(seen).toEqual(expected);
			const asc = await list(k, "?sortBy=createdAt&limit=3&offset=0&searchValue=.test");
			expect(asc.body.users.map((u) => u.email)).toEqual(["user000@alpha.test", "user001@beta.test", "user002@gamma.test"]);
			expect(asc.body).toMatchObject({ limit: 3, total: SEEDED });
			expect(asc.body).not.toHaveProperty("offset");
			const banned = await list(k, "?sortBy=banned&sortDirection=desc&limit=5");
			expect(banned.body.users).toHaveLength(5);
			const beyond = await list(k, "?limit=10&offset=100000");
			expect(beyond.body).toEqual({ users: [], total: SEEDED + 2, limit: 10, offset: 100000 });
		});

		test("pages are capped by maxListUsersLimit, with or without limit", async () => {
			const k = await adminTestInstance(dialect, { maxListUsersLimit: 50 });
			await seed(k);
			const noLimit = await list(k, "");
			expect(noLimit.body.users).toHaveLength(50);
			expect(noLimit.body.total).toBe(SEEDED + 2);
			const big = await list(k, "?limit=500");
			expect(big.body).toMatchObject({ limit: 50, total: SEEDED + 2 });
			expect(big.body.users).toHaveLength(50);
		});

		test("SQL-ish and wildcard search values match only themselves", async () => {
			const k = await adminTestInstance(dialect);
			await seed(k);
			await k.seedUser({ email: "per%cent_under@odd.test", name: "odd" });
			const before = await k.t.snapshot();
			for (const value of ["%", "_", "' OR '1'='1", "\\", "%' --", "user%alpha", "\"; DROP TABLE user; --"]) {
				const res = await list(k, `?searchValue=${encodeURIComponent(value)}`);
				expect(res.status).toBe(200);
				expect(res.body.users.every((u) => u.email.toLowerCase().includes(value.toLowerCase()))).toBe(true);
			}
			expect((await list(k, `?searchValue=${encodeURIComponent("%cent_")}`)).body.total).toBe(1);
			expect((await list(k, `?searchValue=${encodeURIComponent("_")}`)).body.total).toBe(1);
			expect(await k.t.snapshot()).toEqual(before);
			expect(await k.t.auth.$context.storage.count("user", { email: cmp.endsWith(".test") })).toBe(SEEDED + 1);
		});

		test("hostile field names, operators and values are 400 VALIDATION_ERROR, never a 500", async () => {
			const k = await adminTestInstance(dialect);
			const before = await k.t.snapshot();
			const bad = [
				"?sortBy=password",
				"?sortBy=name%3B%20drop%20table%20user",
				"?sortBy=__proto__",
				"?sortBy=constructor",
				`?sortBy=${"x".repeat(65)}`,
				"?sortDirection=sideways",
				"?filterField=password&filterValue=x",
				"?filterField=toString&filterValue=x",
				"?filterField=role&filterValue=x&filterOperator=like",
				"?filterField=role&filterValue=x&filterOperator=not_in",
				"?filterField=banned&filterValue=maybe",
				"?filterField=createdAt&filterValue=yesterday",
				"?filterField=banned&filterValue=true&filterOperator=contains",
				"?filterField=email&filterValue=a&filterValue=b",
				"?filterField=email&filterValue=a&filterOperator=ne&searchValue=b",
				"?searchField=password&searchValue=x",
				"?searchOperator=regex&searchValue=x",
				`?searchValue=${"a".repeat(257)}`,
				"?limit=-1",
				"?limit=abc",
				"?limit=1e3",
				"?offset=1.5",
				"?limit=99999999999999999999",
			];
			for (const query of bad) {
				const res = await call(k.admin.client, `/admin/list-users${query}`);
				expect({ query, status: res.status, code: (res.body as { code?: string } | null)?.code }).toEqual({ query, status: 400, code: "VALIDATION_ERROR" });
				expect(typeof (res.body as { message?: unknown }).message).toBe("string");
			}
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("a field of a plugin that is not enabled cannot be filtered", async () => {
			const k = await adminTestInstance(dialect);
			const res = await call(k.admin.client, "/admin/list-users?filterField=twoFactorEnabled&filterValue=true");
			expect(res).toEqual({ status: 400, body: { code: "VALIDATION_ERROR", message: "[query.filterField] Unknown user field" } });
		});

		test("auth.api.listUsers takes typed values", async () => {
			const k = await adminTestInstance(dialect);
			await seed(k);
			const res = await k.api.listUsers({ query: { filterField: "banned", filterValue: true, limit: 5, offset: 2, sortBy: "createdAt" }, headers: { cookie: k.admin.client.jar.header() ?? "" } });
			expect(res).toMatchObject({ total: 43, limit: 5, offset: 2 });
			expect(res.users.map((u) => u.email)).toEqual(["user014@gamma.test", "user021@alpha.test", "user028@beta.test", "user035@gamma.test", "user042@alpha.test"]);
		});
	});
}
