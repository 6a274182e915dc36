import { createRoot } from "react-dom/client";
import { authClient } from "./client.ts";
import { Passkeys } from "./passkeys.tsx";
import { SignedOut } from "./signed-out.tsx";

function App() {
	const { data, isPending } = authClient.useSession();
	if (isPending) return <p>Loading…</p>;
	if (!data) return <SignedOut />;
	return (
		<>
			<p>
				Signed in as <strong data-testid="user-email">{data.user.email}</strong>{" "}
				<button type="button" onClick={() => authClient.signOut()}>
					Sign out
				</button>
			</p>
			<Passkeys />
		</>
	);
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
