import { bigint, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
