import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

type ApiKey = { id: string; name?: string | null; start?: string | null; createdAt: Date | string; expiresAt?: Date | string | null };

const DAY_SECONDS = 86_400;

/** The user's API keys: create (the key is shown once), list, delete. */
export function ApiKeys() {
	const [keys, setKeys] = useState<ApiKey[]>([]);
	const [created, setCreated] = useState<string | null>(null);
	const { report, view } = useStatus();

	const refresh = useCallback(async () => {
		const { data } = await authClient.apiKey.list();
		setKeys(data?.apiKeys ?? []);
	}, []);
	useEffect(() => void refresh(), [refresh]);

	async function create(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = event.currentTarget;
		const data = new FormData(form);
		const days = Number(field(data, "days"));
		const { data: key, error } = await authClient.apiKey.create({ name: field(data, "name"), ...(days > 0 ? { expiresIn: days * DAY_SECONDS } : {}) });
		if (report(error, "API key created: copy it now, it is not shown again") && key) {
			setCreated(key.key);
			form.reset();
		}
		await refresh();
	}
	async function remove(key: ApiKey) {
		const { error } = await authClient.apiKey.delete({ keyId: key.id });
		report(error, `Deleted ${key.name ?? "the key"}`);
		setCreated(null);
		await refresh();
	}

	return (
		<section aria-label="API keys">
			<h2>API keys</h2>
			<form aria-label="Create API key" onSubmit={create}>
				<label>
					Key name <input name="name" required maxLength={32} />
				</label>
				<label>
					Expires in (days, empty for never) <input name="days" type="number" min={1} max={365} />
				</label>
				<button type="submit">Create API key</button>
			</form>
			{view}
			{created && (
				<p>
					Your new key: <code data-testid="new-api-key">{created}</code>
				</p>
			)}
			<ul aria-label="Your API keys">
				{keys.map((k) => (
					<li key={k.id}>
						{k.name ?? "Unnamed key"} <code>{k.start ? `${k.start}…` : ""}</code> created {new Date(k.createdAt).toLocaleDateString()}
						{k.expiresAt ? `, expires ${new Date(k.expiresAt).toLocaleDateString()}` : ", never expires"}{" "}
						<button type="button" onClick={() => remove(k)}>
							Delete {k.name ?? "key"}
						</button>
					</li>
				))}
			</ul>
		</section>
	);
}
