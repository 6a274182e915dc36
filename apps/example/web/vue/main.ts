/**
 * The Vue binding, minimal: `useSession()` from `@latchkey/vue` in a render-function component
 * (no SFC compiler needed), sharing the session cookie with the React app on `/`.
 */
import { createAuthClient } from "@latchkey/vue";
import { createApp, defineComponent, h } from "vue";

const client = createAuthClient();

const SessionView = defineComponent({
	name: "SessionView",
	setup() {
		const session = client.useSession();
		return () => {
			const { data, isPending } = session.value;
			if (isPending) return h("p", "Loading…");
			if (!data) return h("p", { "data-testid": "vue-signed-out" }, "Not signed in (Vue). Sign in on the React app.");
			return h("section", { "aria-label": "Vue session" }, [
				h("p", ["Signed in (Vue) as ", h("strong", { "data-testid": "vue-user-email" }, data.user.email)]),
				h("button", { type: "button", onClick: () => client.signOut() }, "Sign out"),
			]);
		};
	},
});

const root = document.getElementById("root");
if (root) createApp(SessionView).mount(root);
