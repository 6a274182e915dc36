import { customType, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Better Auth's SQLite adapter stores dates as ISO-8601 text in `date` columns; doing the
 * same keeps an existing Better Auth SQLite file readable both ways.
 */
const date = customType<{ data: Date; driverData: string }>({
	dataType: () => "date",
	toDriver: (value) => value.toISOString(),
	fromDriver: (value) => new Date(value),
});
const bool = (name: string) => integer(name, { mode: "boolean" });

export const user = sqliteTable("user", {
	id: text("id").primaryKey(),
	name: text("name").notNull(),
	email: text("email").notNull().unique(),
	emailVerified: bool("emailVerified").notNull().default(false),
	image: text("image"),
	createdAt: date("createdAt").notNull(),
	updatedAt: date("updatedAt").notNull(),
	username: text("username").unique(),
	displayUsername: text("displayUsername"),
});

export const session = sqliteTable(
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

export const account = sqliteTable(
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

export const verification = sqliteTable(
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

export const rateLimit = sqliteTable("rateLimit", {
	id: text("id").primaryKey(),
	key: text("key").notNull().unique(),
	count: integer("count").notNull(),
	lastRequest: integer("lastRequest").notNull(),
});
