/**
 * A fetch wrapper that keeps `Set-Cookie` values between calls, like a browser would, and
 * sends a trusted `Origin` by default. Bun and Node have no cookie jar of their own.
 */
export class CookieJar {
	readonly cookies = new Map<string, string>();

	/** Stores the cookies of a response (a `Max-Age=0` cookie is removed). */
	store(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair = ""] = line.split(";");
			const eq = pair.indexOf("=");
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			if (/;\s*max-age=0/i.test(line) || value === "") this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/** The `Cookie` header for the next request, or `null` when empty. */
	header(): string | null {
		if (this.cookies.size === 0) return null;
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
	}

	/** Wraps a fetch function so every call sends and stores cookies. */
	wrap(fetchFn: (request: Request) => Promise<Response>, defaults: Record<string, string> = {}): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
		return async (input, init) => {
			const request = new Request(input, init);
			for (const [key, value] of Object.entries(defaults)) if (!request.headers.has(key)) request.headers.set(key, value);
			const cookie = this.header();
			if (cookie && !request.headers.has("cookie")) request.headers.set("cookie", cookie);
			const response = await fetchFn(request);
			this.store(response);
			return response;
		};
	}
}
