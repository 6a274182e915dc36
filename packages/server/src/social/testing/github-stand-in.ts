import { createHash, randomBytes } from "node:crypto";

/** A GitHub user as the stand-in serves it. */
export interface GithubTestUser {
	id: number;
	login: string;
	name: string | null;
	avatar_url: string;
	emails: { email: string; primary: boolean; verified: boolean }[];
}

/** A loopback stand-in for GitHub's OAuth endpoints and `GET /user`, `GET /user/emails`. */
export interface GithubStandIn {
	url: string;
	clientId: string;
	clientSecret: string;
	/** The user the next authorization signs in as. */
	user: GithubTestUser;
	/** Follows an authorize URL as a browser whose GitHub user approves: returns the redirect back. */
	authorize(authorizeURL: string): Promise<URL>;
	close(): void;
}

interface Grant {
	user: GithubTestUser;
	challenge: string | null;
	redirectURI: string;
}

function token(): string {
	return randomBytes(20).toString("hex");
}

/**
 * GitHub's documented OAuth app endpoints, enough for the flow: `/login/oauth/authorize`
 * (auto-approves), `/login/oauth/access_token` (code with PKCE S256 and client secret, or a
 * refresh token; JSON when asked), `/user`, `/user/emails` (Bearer).
 */
export function startGithubStandIn(user: GithubTestUser): GithubStandIn {
	const clientId = "Iv1.test-client";
	const clientSecret = "github-test-secret-0123456789";
	const codes = new Map<string, Grant>();
	const accessTokens = new Map<string, GithubTestUser>();
	const refreshTokens = new Map<string, GithubTestUser>();
	const state = { user };
	const issue = (who: GithubTestUser): Response => {
		const access = `gho_${token()}`;
		const refresh = `ghr_${token()}`;
		accessTokens.set(access, who);
		refreshTokens.set(refresh, who);
		return Response.json({ access_token: access, token_type: "bearer", scope: "read:user,user:email", expires_in: 28_800, refresh_token: refresh, refresh_token_expires_in: 15_897_600 });
	};
	const server = Bun.serve({
		hostname: "127.0.0.1",
		port: 0,
		async fetch(request) {
			const url = new URL(request.url);
			if (url.pathname === "/login/oauth/authorize") {
				const redirectURI = url.searchParams.get("redirect_uri") ?? "";
				const code = token();
				codes.set(code, { user: state.user, challenge: url.searchParams.get("code_challenge"), redirectURI });
				const back = new URL(redirectURI);
				back.searchParams.set("code", code);
				back.searchParams.set("state", url.searchParams.get("state") ?? "");
				return new Response(null, { status: 302, headers: { location: back.href } });
			}
			if (url.pathname === "/login/oauth/access_token" && request.method === "POST") {
				const form = new URLSearchParams(await request.text());
				if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) return Response.json({ error: "incorrect_client_credentials" });
				if (form.get("grant_type") === "refresh_token") {
					const who = refreshTokens.get(form.get("refresh_token") ?? "");
					if (!who) return Response.json({ error: "bad_refresh_token" }, { status: 400 });
					refreshTokens.delete(form.get("refresh_token") ?? "");
					return issue(who);
				}
				const grant = codes.get(form.get("code") ?? "");
				codes.delete(form.get("code") ?? "");
				const verifier = form.get("code_verifier") ?? "";
				const challenge = createHash("sha256").update(verifier).digest("base64url");
				if (!grant || grant.redirectURI !== form.get("redirect_uri") || grant.challenge !== challenge) {
					return Response.json({ error: "bad_verification_code" }, { status: 400 });
				}
				return issue(grant.user);
			}
			const who = accessTokens.get((request.headers.get("authorization") ?? "").replace(/^Bearer /i, ""));
			if (!who) return Response.json({ message: "Bad credentials" }, { status: 401 });
			if (url.pathname === "/user") {
				const primary = who.emails.find((e) => e.primary);
				return Response.json({ id: who.id, login: who.login, name: who.name, avatar_url: who.avatar_url, email: primary?.email ?? null });
			}
			if (url.pathname === "/user/emails") return Response.json(who.emails);
			return new Response("not found", { status: 404 });
		},
	});
	const base = `http://127.0.0.1:${server.port}`;
	return {
		url: base,
		clientId,
		clientSecret,
		get user() {
			return state.user;
		},
		set user(next: GithubTestUser) {
			state.user = next;
		},
		async authorize(authorizeURL) {
			const response = await fetch(authorizeURL, { redirect: "manual" });
			return new URL(response.headers.get("location") ?? "");
		},
		close: () => server.stop(true),
	};
}

/** The github provider options pointed at a stand-in. */
export function githubStandInOptions(standIn: GithubStandIn): { clientId: string; clientSecret: string; authorizationEndpoint: string; tokenEndpoint: string; userInfoEndpoint: string } {
	return {
		clientId: standIn.clientId,
		clientSecret: standIn.clientSecret,
		authorizationEndpoint: `${standIn.url}/login/oauth/authorize`,
		tokenEndpoint: `${standIn.url}/login/oauth/access_token`,
		userInfoEndpoint: `${standIn.url}/user`,
	};
}
