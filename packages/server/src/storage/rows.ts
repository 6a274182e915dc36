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
	/** Two-factor plugin (column default false). */
	twoFactorEnabled?: boolean | null;
	/** Admin plugin: comma-separated roles. */
	role?: string | null;
	/** Admin plugin (column default false). */
	banned?: boolean | null;
	banReason?: string | null;
	banExpires?: Date | null;
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
	/** Admin plugin: the impersonating admin's user id. */
	impersonatedBy?: string | null;
	/** Organization plugin. */
	activeOrganizationId?: string | null;
	activeTeamId?: string | null;
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

/** Two-factor plugin: `secret` and `backupCodes` are encrypted (spec/plugins.md §3.1). */
export interface TwoFactorRow {
	id: string;
	secret: string;
	backupCodes: string;
	userId: string;
	verified: boolean | null;
	failedVerificationCount: number | null;
	lockedUntil: Date | null;
}

export interface OrganizationRow {
	id: string;
	name: string;
	slug: string;
	logo: string | null;
	createdAt: Date;
	/** JSON text. */
	metadata: string | null;
}

export interface MemberRow {
	id: string;
	organizationId: string;
	userId: string;
	/** Comma-separated roles. */
	role: string;
	createdAt: Date;
}

export interface InvitationRow {
	id: string;
	organizationId: string;
	/** Lowercased. */
	email: string;
	role: string | null;
	teamId: string | null;
	status: "pending" | "accepted" | "rejected" | "canceled";
	expiresAt: Date;
	createdAt: Date;
	inviterId: string;
}

export interface TeamRow {
	id: string;
	name: string;
	organizationId: string;
	createdAt: Date;
	updatedAt: Date | null;
	memberCount: number | null;
}

export interface TeamMemberRow {
	id: string;
	teamId: string;
	userId: string;
	createdAt: Date | null;
	membershipKey: string | null;
}

export interface OrganizationRoleRow {
	id: string;
	organizationId: string;
	role: string;
	/** JSON text of resource → actions. */
	permission: string;
	createdAt: Date;
	updatedAt: Date | null;
}

/** API-key plugin (spec/plugins.md §7.1). Durations are milliseconds. */
export interface ApiKeyRow {
	id: string;
	configId: string;
	name: string | null;
	start: string | null;
	prefix: string | null;
	/** SHA-256 of the key, base64url without padding. */
	key: string;
	referenceId: string;
	refillInterval: number | null;
	refillAmount: number | null;
	lastRefillAt: Date | null;
	enabled: boolean | null;
	rateLimitEnabled: boolean | null;
	rateLimitTimeWindow: number | null;
	rateLimitMax: number | null;
	requestCount: number | null;
	remaining: number | null;
	lastRequest: Date | null;
	expiresAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
	/** JSON text. */
	permissions: string | null;
	/** JSON text. */
	metadata: string | null;
}

/** Passkey plugin (spec/plugins.md §8.1). */
export interface PasskeyRow {
	id: string;
	name: string | null;
	/** Standard base64 of the COSE public key. */
	publicKey: string;
	userId: string;
	/** base64url. */
	credentialID: string;
	counter: number;
	deviceType: string;
	backedUp: boolean;
	/** Comma-joined. */
	transports: string | null;
	createdAt: Date | null;
	aaguid: string | null;
}

/** Every table the storage layer knows, by model name. */
export interface Rows {
	user: UserRow;
	session: SessionRow;
	account: AccountRow;
	verification: VerificationRow;
	rateLimit: RateLimitRow;
	twoFactor: TwoFactorRow;
	organization: OrganizationRow;
	member: MemberRow;
	invitation: InvitationRow;
	team: TeamRow;
	teamMember: TeamMemberRow;
	organizationRole: OrganizationRoleRow;
	apikey: ApiKeyRow;
	passkey: PasskeyRow;
}

/** A table's model name. */
export type ModelName = keyof Rows;
