import { useCallback, useEffect, useState } from "react";
import { authClient } from "./client.ts";
import { useStatus } from "./status.tsx";

type SessionRow = { id: string; token: string; userAgent?: string | null; ipAddress?: string | null; createdAt: Date | string; expiresAt: Date | string };

function when(value: Date | string): string {
	return new Date(value).toLocaleString();
}

/** The user's sessions (devices), the current one marked; revoke one or all the others. */
export function Sessions() {
	const { data: current } = authClient.useSession();
	const [sessions, setSessions] = useState<SessionRow[]>([]);
	const { report, view } = useStatus();

	const refresh = useCallback(async () => {
		const { data } = await authClient.listSessions();
		setSessions(data ?? []);
	}, []);
	useEffect(() => void refresh(), [refresh]);

	async function revoke(token: string) {
		const { error } = await authClient.revokeSession({ token });
		report(error, "Session revoked");
		await refresh();
	}
	async function revokeOthers() {
		const { error } = await authClient.revokeOtherSessions();
		report(error, "Other sessions revoked");
		await refresh();
	}

	return (
		<section aria-label="Sessions">
			<h2>Sessions</h2>
			<table aria-label="Your sessions">
				<thead>
					<tr>
						<th>Device</th>
						<th>Signed in</th>
						<th>Expires</th>
						<th />
					</tr>
				</thead>
				<tbody>
					{sessions.map((s) => {
						const isCurrent = s.id === current?.session.id;
						return (
							<tr key={s.id}>
								<td>
									{s.userAgent || "Unknown device"}
									{isCurrent && <strong> (this browser)</strong>}
								</td>
								<td>{when(s.createdAt)}</td>
								<td>{when(s.expiresAt)}</td>
								<td>
									{!isCurrent && (
										<button type="button" onClick={() => revoke(s.token)}>
											Revoke
										</button>
									)}
								</td>
							</tr>
						);
					})}
				</tbody>
			</table>
			<button type="button" onClick={revokeOthers}>
				Revoke all other sessions
			</button>
			{view}
		</section>
	);
}
