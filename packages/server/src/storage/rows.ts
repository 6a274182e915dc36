/**
 * Logical rows of the core tables, named as Better Auth names them (spec/core.md §8), so an
 * existing Better Auth database works unchanged.
 */
export interface UserRow {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean;
	image: string | null;
	createdAt: Date;
	updatedAt: Date;
	/** Username plugin: normalised (lowercased) username, unique. */
	username: string | null;
	/** Username plugin: the username as the user typed it. */
	displayUsername: string | null;
}

export interface SessionRow {
	id: string;
	token: string;
	userId: string;
	expiresAt: Date;
	createdAt: Date;
	updatedAt: Date;
	ipAddress: string | null;
	userAgent: string | null;
}

export interface AccountRow {
	id: string;
	accountId: string;
	providerId: string;
	userId: string;
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	accessTokenExpiresAt: Date | null;
	refreshTokenExpiresAt: Date | null;
	scope: string | null;
	password: string | null;
	createdAt: Date;
	updatedAt: Date;
}

export interface VerificationRow {
	id: string;
	identifier: string;
	value: string;
	expiresAt: Date;
	createdAt: Date;
	updatedAt: Date;
}

export interface RateLimitRow {
	id: string;
	key: string;
	count: number;
	/** Milliseconds since the epoch. */
	lastRequest: number;
}

/** Every table the storage layer knows, by model name. */
export interface Rows {
	user: UserRow;
	session: SessionRow;
	account: AccountRow;
	verification: VerificationRow;
	rateLimit: RateLimitRow;
}

/** A table's model name. */
export type ModelName = keyof Rows;
