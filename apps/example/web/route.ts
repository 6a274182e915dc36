import { useEffect, useState } from "react";

/** The pages of the signed-in app, addressed as `#/<id>`. */
export const PAGES = [
	{ id: "profile", label: "Profile" },
	{ id: "sessions", label: "Sessions" },
	{ id: "two-factor", label: "Two-factor" },
	{ id: "passkeys", label: "Passkeys" },
	{ id: "organizations", label: "Organizations" },
	{ id: "api-keys", label: "API keys" },
	{ id: "admin", label: "Admin" },
] as const;

export type PageId = (typeof PAGES)[number]["id"];

function isPageId(value: string): value is PageId {
	return PAGES.some((page) => page.id === value);
}

function current(): PageId {
	const id = location.hash.replace(/^#\/?/, "");
	return isPageId(id) ? id : "profile";
}

/** The page named by the location hash (default `profile`), following hash changes. */
export function useHashRoute(): PageId {
	const [page, setPage] = useState<PageId>(current);
	useEffect(() => {
		const onChange = () => setPage(current());
		window.addEventListener("hashchange", onChange);
		return () => window.removeEventListener("hashchange", onChange);
	}, []);
	return page;
}
