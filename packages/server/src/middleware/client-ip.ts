/**
 * The client IP used for rate limits and stored on sessions. By default it is the socket
 * address: `X-Forwarded-For` is set by whoever sends the request, so trusting it without a
 * proxy lets an attacker pick a fresh rate-limit bucket per request (SECURITY.md rule 5).
 * Behind a proxy that overwrites a header, name it in `advanced.ipAddress.ipAddressHeaders`.
 */
export function clientIp(headers: Headers, socketIp: string | null, ipHeaders: readonly string[] | undefined): string | null {
	if (ipHeaders) {
		for (const name of ipHeaders) {
			const value = headers.get(name);
			if (!value) continue;
			// The proxy appends the address it saw last; the right-most entry is the one it wrote.
			const last = value.split(",").at(-1)?.trim();
			if (last) return normalizeIp(last);
		}
	}
	return socketIp ? normalizeIp(socketIp) : null;
}

/** IPv4-mapped IPv6 becomes IPv4; other IPv6 addresses are cut to their /64 prefix. */
export function normalizeIp(ip: string): string {
	const lower = ip.toLowerCase();
	if (lower.startsWith("::ffff:") && lower.includes(".")) return lower.slice(7);
	if (!lower.includes(":")) return lower;
	const [head = "", tail = ""] = lower.split("::");
	const left = head ? head.split(":") : [];
	const right = tail ? tail.split(":") : [];
	// `max(0, …)`: a malformed value (`1:2:3:4:5:6:7:8::9`) must not make a negative array length.
	const groups = lower.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
	return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
