/**
 * What a call with `throw: true` rejects with on a non-2xx answer: the status, the status
 * text and the parsed error body (or the raw text when it is not JSON), as better-fetch's
 * `BetterFetchError`. The message is the status text (or the status).
 *
 * @example
 * try {
 * 	await client.signIn.email({ email, password, fetchOptions: { throw: true } });
 * } catch (error) {
 * 	if (error instanceof FetchError && error.status === 401) showWrongPassword();
 * }
 */
export class FetchError extends Error {
	readonly status: number;
	readonly statusText: string;
	/** The error body: `{ code, message }` from the server, or its text when it is not JSON. */
	readonly error: unknown;

	constructor(status: number, statusText: string, error: unknown) {
		super(statusText || String(status), { cause: error });
		this.name = "FetchError";
		this.status = status;
		this.statusText = statusText;
		this.error = error;
	}
}
