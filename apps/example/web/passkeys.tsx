import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";

type Passkey = { id: string; name?: string | null; createdAt: Date | null; deviceType: string };

/** The signed-in user's passkeys: add, rename, delete. */
export function Passkeys() {
	const [passkeys, setPasskeys] = useState<Passkey[]>([]);
	const [message, setMessage] = useState("");

	const refresh = useCallback(async () => {
		const { data } = await authClient.passkey.listUserPasskeys();
		setPasskeys(data ?? []);
	}, []);
	useEffect(() => void refresh(), [refresh]);

	async function add(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const name = String(new FormData(event.currentTarget).get("name") ?? "");
		const { error } = await authClient.passkey.addPasskey({ name: name || undefined });
		setMessage(error ? (error.message ?? "Could not add the passkey") : "Passkey added");
		await refresh();
	}

	async function remove(id: string) {
		const { error } = await authClient.passkey.deletePasskey({ id });
		setMessage(error ? (error.message ?? "Could not delete") : "Passkey deleted");
		await refresh();
	}

	return (
		<section aria-label="Passkeys">
			<h2>Passkeys</h2>
			<form onSubmit={add}>
				<label>
					Passkey name <input name="name" maxLength={64} />
				</label>
				<button type="submit">Add a passkey</button>
			</form>
			<ul aria-label="Your passkeys">
				{passkeys.map((p) => (
					<li key={p.id}>
						{p.name || "Unnamed passkey"} ({p.deviceType})
						<button type="button" onClick={() => remove(p.id)}>
							Delete {p.name || "passkey"}
						</button>
					</li>
				))}
			</ul>
			{message && <p role="status">{message}</p>}
		</section>
	);
}
