import { createRoot } from "react-dom/client";
import { useRef, useState } from "react";
import type { JSX } from "react";
import { Admin } from "./admin.tsx";
import { ApiKeys } from "./api-keys.tsx";
import { authClient } from "./client.ts";
import { Invitation } from "./invitation.tsx";
import { Organizations } from "./organizations.tsx";
import { Passkeys } from "./passkeys.tsx";
import { Profile } from "./profile.tsx";
import { ResetPassword } from "./reset-password.tsx";
import { PAGES, useHashRoute } from "./route.ts";
import type { PageId } from "./route.ts";
import { Sessions } from "./sessions.tsx";
import { SignedInBar } from "./signed-in-bar.tsx";
import { SignedOut } from "./signed-out.tsx";
import { TwoFactor } from "./two-factor.tsx";

/** Whether a comma-separated role list holds `admin`. */
function isAdmin(role: string | null | undefined): boolean {
	return (role ?? "").split(",").some((r) => r.trim() === "admin");
}

const PAGE_VIEWS: Record<PageId, () => JSX.Element> = {
	profile: Profile,
	sessions: Sessions,
	"two-factor": TwoFactor,
	passkeys: Passkeys,
	organizations: Organizations,
	"api-keys": ApiKeys,
	admin: Admin,
};

function App() {
	const { data, isPending } = authClient.useSession();
	const page = useHashRoute();
	// Read once: the banner stays (with its outcome) after the answered invitation leaves the URL.
	const [invitationId] = useState(() => new URLSearchParams(location.search).get("invitation"));
	// The client flags every refetch while signed out as pending (Better Auth does the same);
	// only the first load shows "Loading…", so a refetch does not unmount the signed-out forms.
	const loaded = useRef(false);
	if (!isPending) loaded.current = true;
	if (location.pathname === "/reset-password") return <ResetPassword />;
	if (isPending && !loaded.current) return <p>Loading…</p>;
	if (!data) return <SignedOut invitation={invitationId !== null} />;
	const admin = isAdmin(data.user.role);
	const pages = PAGES.filter((p) => p.id !== "admin" || admin);
	const View = PAGE_VIEWS[page === "admin" && !admin ? "profile" : page];
	return (
		<>
			<SignedInBar session={data} />
			{invitationId && <Invitation id={invitationId} />}
			<nav aria-label="Pages">
				<ul>
					{pages.map((p) => (
						<li key={p.id}>
							<a href={`#/${p.id}`} aria-current={p.id === page ? "page" : undefined}>
								{p.label}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<View />
		</>
	);
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
