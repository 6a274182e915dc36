import { describe, expect, test } from "bun:test";
import { APIError, isAPIError } from "./api-error.ts";
import { BASE_ERROR_CODES } from "./base-codes.ts";
import { defineErrorCodes } from "./define-error-codes.ts";

describe("defineErrorCodes", () => {
	test("keys become codes and the table is frozen", () => {
		const codes = defineErrorCodes({ SOMETHING_WRONG: "Something is wrong" });
		expect(codes.SOMETHING_WRONG).toEqual({ code: "SOMETHING_WRONG", message: "Something is wrong" });
		expect(Object.isFrozen(codes)).toBe(true);
		expect(Object.isFrozen(codes.SOMETHING_WRONG)).toBe(true);
	});

	test("Better Auth's message texts are kept exactly", () => {
		expect(BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD.message).toBe("Invalid email or password");
		expect(BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL.message).toBe("User already exists. Use another email.");
		expect(BASE_ERROR_CODES.CROSS_SITE_NAVIGATION_LOGIN_BLOCKED.message).toBe(
			"Cross-site navigation login blocked. This request appears to be a CSRF attack.",
		);
	});
});

describe("APIError", () => {
	test("from a status name and a code", () => {
		const error = APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED, { "x-test": "1" });
		expect(error.status).toBe("UNAUTHORIZED");
		expect(error.statusCode).toBe(401);
		expect(error.body).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		expect(error.headers.get("x-test")).toBe("1");
		expect(error.message).toBe("Unauthorized");
		expect(error).toBeInstanceOf(Error);
	});

	test("from a numeric status, with an empty body", () => {
		const error = new APIError(404);
		expect(error.status).toBe("NOT_FOUND");
		expect(error.body).toBeUndefined();
		expect(new APIError(599).status).toBe("INTERNAL_SERVER_ERROR");
	});

	test("isAPIError narrows by brand, not by class identity", () => {
		expect(isAPIError(new APIError("BAD_REQUEST", { message: "x" }))).toBe(true);
		const foreign = { [Symbol.for("latchkey.api-error")]: true, statusCode: 400 };
		expect(isAPIError(foreign)).toBe(true);
		expect(isAPIError(new Error("x"))).toBe(false);
		expect(isAPIError(null)).toBe(false);
		expect(isAPIError("APIError")).toBe(false);
	});
});
