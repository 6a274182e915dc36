import { createAuthClient } from "@latchkey/react";
import { createRoot } from "react-dom/client";

// Same origin as the page: baseURL defaults to window.location.origin + "/api/auth".
const authClient = createAuthClient();

function App() {
	const { data, isPending, error } = authClient.useSession();
	if (isPending) return <p>loading…</p>;
	if (data) {
		return (
			<p>
				Signed in as {data.user.email} <button onClick={() => authClient.signOut()}>Sign out</button>
			</p>
		);
	}
	const signUp = () => authClient.signUp.email({ name: "Ada", email: `ada${Date.now()}@example.com`, password: "correct horse" });
	return (
		<p>
			Signed out {error ? `(${error.status})` : ""} <button onClick={signUp}>Sign up as Ada</button>
		</p>
	);
}

createRoot(document.getElementById("root")!).render(<App />);
