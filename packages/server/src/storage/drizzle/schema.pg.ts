import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Better Auth's PostgreSQL columns are `timestamptz`. */
const date = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const user = pgTable("user", {
	id: text("id").primaryKey(),
	name: text("name").notNull(),
	email: text("email").notNull().unique(),
	emailVerified: boolean("emailVerified").notNull().default(false),
	image: text("image"),
	createdAt: date("createdAt").notNull(),
	updatedAt: date("updatedAt").notNull(),
	username: text("username").unique(),
	displayUsername: text("displayUsername"),
	/** Two-factor plugin. */
	twoFactorEnabled: boolean("twoFactorEnabled").default(false),
	/** Admin plugin. */
	role: text("role"),
	banned: boolean("banned").default(false),
	banReason: text("banReason"),
	banExpires: date("banExpires"),
});

export const session = pgTable(
	"session",
	{
		id: text("id").primaryKey(),
		expiresAt: date("expiresAt").notNull(),
		token: text("token").notNull().unique(),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt").notNull(),
		ipAddress: text("ipAddress"),
		userAgent: text("userAgent"),
		/** Admin plugin: the impersonating admin's user id. */
		impersonatedBy: text("impersonatedBy"),
		/** Organization plugin. */
		activeOrganizationId: text("activeOrganizationId"),
		activeTeamId: text("activeTeamId"),
		userId: text("userId")
			.notNull()
			.references(() => user.id, { onDelete: "cascade" }),
	},
	(t) => [index("session_userId_idx").on(t.userId)],
);

export const account = pgTable(
	"account",
	{
		id: text("id").primaryKey(),
		accountId: text("accountId").notNull(),
		providerId: text("providerId").notNull(),
		userId: text("userId")
			.notNull()
			.references(() => user.id, { onDelete: "cascade" }),
		accessToken: text("accessToken"),
		refreshToken: text("refreshToken"),
		idToken: text("idToken"),
		accessTokenExpiresAt: date("accessTokenExpiresAt"),
		refreshTokenExpiresAt: date("refreshTokenExpiresAt"),
		scope: text("scope"),
		password: text("password"),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt").notNull(),
	},
	(t) => [index("account_userId_idx").on(t.userId)],
);

export const verification = pgTable(
	"verification",
	{
		id: text("id").primaryKey(),
		identifier: text("identifier").notNull(),
		value: text("value").notNull(),
		expiresAt: date("expiresAt").notNull(),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt").notNull(),
	},
	(t) => [index("verification_identifier_idx").on(t.identifier)],
);

export const rateLimit = pgTable("rateLimit", {
	id: text("id").primaryKey(),
	key: text("key").notNull().unique(),
	count: integer("count").notNull(),
	lastRequest: bigint("lastRequest", { mode: "number" }).notNull(),
});

const userRef = () => text("userId")
	.notNull()
	.references(() => user.id, { onDelete: "cascade" });

/** Two-factor plugin (spec/plugins.md §3.1): one row per user; secret and codes encrypted. */
export const twoFactor = pgTable(
	"twoFactor",
	{
		id: text("id").primaryKey(),
		secret: text("secret").notNull(),
		backupCodes: text("backupCodes").notNull(),
		userId: userRef(),
		verified: boolean("verified").default(true),
		failedVerificationCount: integer("failedVerificationCount").default(0),
		lockedUntil: date("lockedUntil"),
	},
	(t) => [index("twoFactor_userId_idx").on(t.userId), index("twoFactor_secret_idx").on(t.secret)],
);

/** Organization plugin (spec/plugins.md §5.1). */
export const organization = pgTable("organization", {
	id: text("id").primaryKey(),
	name: text("name").notNull(),
	slug: text("slug").notNull().unique(),
	logo: text("logo"),
	createdAt: date("createdAt").notNull(),
	metadata: text("metadata"),
});

const organizationRef = () => text("organizationId")
	.notNull()
	.references(() => organization.id, { onDelete: "cascade" });

export const member = pgTable(
	"member",
	{
		id: text("id").primaryKey(),
		organizationId: organizationRef(),
		userId: userRef(),
		role: text("role").notNull().default("member"),
		createdAt: date("createdAt").notNull(),
	},
	(t) => [
		index("member_organizationId_idx").on(t.organizationId),
		index("member_userId_idx").on(t.userId),
		uniqueIndex("member_organizationId_userId_unique").on(t.organizationId, t.userId),
	],
);

export const invitation = pgTable(
	"invitation",
	{
		id: text("id").primaryKey(),
		organizationId: organizationRef(),
		email: text("email").notNull(),
		role: text("role"),
		teamId: text("teamId"),
		status: text("status").notNull().default("pending"),
		expiresAt: date("expiresAt").notNull(),
		createdAt: date("createdAt").notNull(),
		inviterId: text("inviterId")
			.notNull()
			.references(() => user.id, { onDelete: "cascade" }),
	},
	(t) => [index("invitation_organizationId_idx").on(t.organizationId), index("invitation_email_idx").on(t.email)],
);

export const team = pgTable(
	"team",
	{
		id: text("id").primaryKey(),
		name: text("name").notNull(),
		organizationId: organizationRef(),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt"),
		memberCount: integer("memberCount").default(0),
	},
	(t) => [index("team_organizationId_idx").on(t.organizationId)],
);

export const teamMember = pgTable(
	"teamMember",
	{
		id: text("id").primaryKey(),
		teamId: text("teamId")
			.notNull()
			.references(() => team.id, { onDelete: "cascade" }),
		userId: userRef(),
		createdAt: date("createdAt"),
		membershipKey: text("membershipKey").unique(),
	},
	(t) => [index("teamMember_teamId_idx").on(t.teamId), index("teamMember_userId_idx").on(t.userId)],
);

export const organizationRole = pgTable(
	"organizationRole",
	{
		id: text("id").primaryKey(),
		organizationId: organizationRef(),
		role: text("role").notNull(),
		permission: text("permission").notNull(),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt"),
	},
	(t) => [index("organizationRole_organizationId_idx").on(t.organizationId)],
);

/** API-key plugin (spec/plugins.md §7.1): `key` holds SHA-256(key), base64url. */
export const apikey = pgTable(
	"apikey",
	{
		id: text("id").primaryKey(),
		configId: text("configId").notNull().default("default"),
		name: text("name"),
		start: text("start"),
		prefix: text("prefix"),
		key: text("key").notNull(),
		referenceId: text("referenceId").notNull(),
		refillInterval: bigint("refillInterval", { mode: "number" }),
		refillAmount: integer("refillAmount"),
		lastRefillAt: date("lastRefillAt"),
		enabled: boolean("enabled").default(true),
		rateLimitEnabled: boolean("rateLimitEnabled").default(true),
		rateLimitTimeWindow: bigint("rateLimitTimeWindow", { mode: "number" }).default(86_400_000),
		rateLimitMax: integer("rateLimitMax").default(10),
		requestCount: integer("requestCount").default(0),
		remaining: integer("remaining"),
		lastRequest: date("lastRequest"),
		expiresAt: date("expiresAt"),
		createdAt: date("createdAt").notNull(),
		updatedAt: date("updatedAt").notNull(),
		permissions: text("permissions"),
		metadata: text("metadata"),
	},
	(t) => [index("apikey_configId_idx").on(t.configId), uniqueIndex("apikey_key_unique").on(t.key), index("apikey_referenceId_idx").on(t.referenceId)],
);

/** Passkey plugin (spec/plugins.md §8.1). */
export const passkey = pgTable(
	"passkey",
	{
		id: text("id").primaryKey(),
		name: text("name"),
		publicKey: text("publicKey").notNull(),
		userId: userRef(),
		credentialID: text("credentialID").notNull(),
		counter: integer("counter").notNull(),
		deviceType: text("deviceType").notNull(),
		backedUp: boolean("backedUp").notNull(),
		transports: text("transports"),
		createdAt: date("createdAt"),
		aaguid: text("aaguid"),
	},
	(t) => [index("passkey_userId_idx").on(t.userId), uniqueIndex("passkey_credentialID_unique").on(t.credentialID)],
);
