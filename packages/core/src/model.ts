import * as z from "zod";

/** Bounds every string field that reaches storage (SECURITY.md rule 17). */
export const LIMITS = {
	email: 254,
	name: 256,
	url: 2048,
	token: 512,
	userAgent: 1024,
	username: 256,
} as const;

/** The user object in every response (spec/core.md §5.2). */
export const userSchema = z.object({
	id: z.string(),
	name: z.string(),
	email: z.string(),
	emailVerified: z.boolean(),
	image: z.string().nullable().optional(),
	createdAt: z.date(),
	updatedAt: z.date(),
	username: z.string().nullable().optional(),
	displayUsername: z.string().nullable().optional(),
	/** Two-factor plugin. */
	twoFactorEnabled: z.boolean().nullable().optional(),
	/** Admin plugin. */
	role: z.string().nullable().optional(),
	banned: z.boolean().nullable().optional(),
	banReason: z.string().nullable().optional(),
	banExpires: z.date().nullable().optional(),
});

/** The session object in every response; note that `token` is included (spec/core.md §5.2). */
export const sessionSchema = z.object({
	id: z.string(),
	token: z.string(),
	userId: z.string(),
	expiresAt: z.date(),
	createdAt: z.date(),
	updatedAt: z.date(),
	ipAddress: z.string().nullable().optional(),
	userAgent: z.string().nullable().optional(),
	/** Admin plugin. */
	impersonatedBy: z.string().nullable().optional(),
	/** Organization plugin. */
	activeOrganizationId: z.string().nullable().optional(),
	activeTeamId: z.string().nullable().optional(),
});

/** A user as returned on the wire. */
export type User = z.output<typeof userSchema>;
/** A session as returned on the wire. */
export type Session = z.output<typeof sessionSchema>;
/** `get-session`'s body when signed in. */
export interface SessionWithUser {
	session: Session;
	user: User;
}
