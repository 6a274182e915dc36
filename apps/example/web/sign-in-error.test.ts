import { describe, expect, test } from "bun:test";
import { signInErrorMessage } from "./sign-in-error.ts";

describe("signInErrorMessage", () => {
	test("a known code gets the app's own sentence", () => {
		expect(signInErrorMessage("access_denied")).toBe("Sign-in was cancelled at the provider. Nothing was shared with this app.");
		expect(signInErrorMessage("account_not_linked")).toStartWith("An account with this email already exists.");
	});

	test("an unknown, well-formed code is named in a generic sentence", () => {
		expect(signInErrorMessage("temporarily_unavailable")).toBe("Sign-in failed (temporarily_unavailable). Please try again.");
	});

	test("text that is not a code is never shown back (a crafted link cannot put words in the page)", () => {
		for (const code of ["Call +1 555 0100 to restore your account", "<b>x</b>", "a".repeat(65), "", "toString", "__proto__"]) {
			expect(signInErrorMessage(code)).toMatch(/^Sign-in failed/);
			expect(signInErrorMessage(code)).not.toContain("555");
		}
	});
});
