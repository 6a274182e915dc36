import type { Endpoint } from "./define-endpoint.ts";

/** A matched route: its endpoint and path parameters. */
export interface RouteMatch {
	endpoint: Endpoint;
	params: Record<string, string>;
}

interface ParamRoute {
	method: string;
	segments: string[];
	endpoint: Endpoint;
}

/**
 * Exact, case-sensitive path matching (spec/core.md §1.1): a map lookup for static paths,
 * a short list for `:param` paths. A trailing slash or unknown path does not match.
 */
export class Router {
	private readonly exact = new Map<string, Endpoint>();
	private readonly withParams: ParamRoute[] = [];

	add(endpoint: Endpoint): void {
		const { method, path } = endpoint.contract;
		const key = `${method} ${path}`;
		if (this.exact.has(key) || this.withParams.some((r) => r.method === method && r.segments.join("/") === path)) {
			throw new Error(`latchkey: two endpoints claim ${key}`);
		}
		if (path.includes("/:")) this.withParams.push({ method, segments: path.split("/"), endpoint });
		else this.exact.set(key, endpoint);
	}

	match(method: string, path: string): RouteMatch | null {
		const endpoint = this.exact.get(`${method} ${path}`);
		if (endpoint) return { endpoint, params: {} };
		if (this.withParams.length === 0) return null;
		const parts = path.split("/");
		for (const route of this.withParams) {
			if (route.method !== method || route.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			let ok = true;
			for (let i = 0; i < parts.length && ok; i++) {
				const segment = route.segments[i] as string;
				const part = parts[i] as string;
				if (segment.startsWith(":")) {
					if (part === "") ok = false;
					else params[segment.slice(1)] = safeDecode(part);
				} else ok = segment === part;
			}
			if (ok) return { endpoint: route.endpoint, params };
		}
		return null;
	}
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
