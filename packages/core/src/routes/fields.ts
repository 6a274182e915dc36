import * as z from "zod";
import { LIMITS } from "../model.ts";

/** A redirect target; checked against trusted origins by the server before the handler runs. */
export const callbackURL = z.string().max(LIMITS.url);
/** `rememberMe`; `false` gives a one-day, browser-session cookie. Form bodies send strings. */
export const rememberMe = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
/**
 * A password as received. Length rules are checked by the handler so that it can answer
 * `PASSWORD_TOO_SHORT` / `PASSWORD_TOO_LONG` as Better Auth does; the body limit bounds it.
 */
export const password = z.string();
