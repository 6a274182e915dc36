import { createAuthClient } from "@latchkey/vue";
import { createApp, defineComponent, h } from "vue";

// Same origin as the page: baseURL defaults to window.location.origin + "/api/auth".
const authClient = createAuthClient();

const App = defineComponent({
	setup() {
		const session = authClient.useSession();
		const signUp = () => authClient.signUp.email({ name: "Ada", email: `ada${Date.now()}@example.com`, password: "correct horse" });
		return () => {
			const { data, isPending, error } = session.value;
			if (isPending) return h("p", "loading…");
			if (data) return h("p", [`Signed in as ${data.user.email} `, h("button", { onClick: () => authClient.signOut() }, "Sign out")]);
			return h("p", [`Signed out ${error ? `(${error.status})` : ""} `, h("button", { onClick: signUp }, "Sign up as Ada")]);
		};
	},
});

createApp(App).mount("#app");
