import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import * as z from "zod";
import type { UserRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";

/** The user with this id, or 404 USER_NOT_FOUND. */
export async function findUserOr404(storage: Storage, id: string): Promise<UserRow> {
	const user = id ? await storage.findOne("user", { id }) : null;
	if (!user) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.USER_NOT_FOUND);
	return user;
}

const emailSchema = z.email();

/** Lowercases and checks an email set by an admin: 400 INVALID_EMAIL when malformed, as Better Auth answers. */
export function normalizeAdminEmail(raw: string): string {
	const email = raw.toLowerCase();
	if (!emailSchema.safeParse(email).success) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
	return email;
}
