import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

type AdminUser = { id: string; name: string; email: string; role?: string | null; banned?: boolean | null; banReason?: string | null };

const ROLES = ["user", "admin"] as const;

/**
 * Admin page (admins only; the server checks every call): users with search, ban / unban,
 * impersonate, set role.
 */
export function Admin() {
	const { data: session } = authClient.useSession();
	const [users, setUsers] = useState<AdminUser[]>([]);
	const [total, setTotal] = useState(0);
	const [search, setSearch] = useState("");
	const { report, view } = useStatus();

	const refresh = useCallback(async () => {
		const { data, error } = await authClient.admin.listUsers({
			query: { limit: 50, sortBy: "createdAt", sortDirection: "asc", ...(search ? { searchValue: search, searchField: "email", searchOperator: "contains" } : {}) },
		});
		if (error) report(error, "");
		setUsers(data?.users ?? []);
		setTotal(data?.total ?? 0);
	}, [search, report]);
	useEffect(() => void refresh(), [refresh]);

	function onSearch(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		setSearch(field(new FormData(event.currentTarget), "search").trim());
	}
	async function act(run: () => Promise<{ error: { message?: string; status?: number } | null }>, okText: string) {
		const { error } = await run();
		report(error, okText);
		await refresh();
	}
	function setRole(user: AdminUser, role: string) {
		return act(() => authClient.admin.setRole({ userId: user.id, role }), `${user.email} is now ${role}`);
	}
	async function impersonate(user: AdminUser) {
		const { error } = await authClient.admin.impersonateUser({ userId: user.id });
		if (report(error, `Now acting as ${user.email}`)) location.hash = "#/profile";
	}

	return (
		<section aria-label="Admin">
			<h2>Users</h2>
			<form aria-label="Search users" role="search" onSubmit={onSearch}>
				<label>
					Search by email <input name="search" type="search" maxLength={100} />
				</label>
				<button type="submit">Search</button>
			</form>
			<p data-testid="user-count">{total} user(s)</p>
			{view}
			<table aria-label="Users">
				<thead>
					<tr>
						<th>User</th>
						<th>Role</th>
						<th>Status</th>
						<th>Actions</th>
					</tr>
				</thead>
				<tbody>
					{users.map((u) => {
						const self = u.id === session?.user.id;
						return (
							<tr key={u.id} data-email={u.email}>
								<td>
									{u.name} &lt;{u.email}&gt;
								</td>
								<td>
									<select aria-label={`Role of ${u.email}`} value={u.role ?? "user"} disabled={self} onChange={(e) => setRole(u, e.currentTarget.value)}>
										{ROLES.map((r) => (
											<option key={r}>{r}</option>
										))}
									</select>
								</td>
								<td>{u.banned ? `banned (${u.banReason ?? "no reason"})` : "active"}</td>
								<td>
									{!self && (
										<>
											{u.banned ? (
												<button type="button" onClick={() => act(() => authClient.admin.unbanUser({ userId: u.id }), `Unbanned ${u.email}`)}>
													Unban {u.email}
												</button>
											) : (
												<button type="button" onClick={() => act(() => authClient.admin.banUser({ userId: u.id, banReason: "Banned from the example admin page" }), `Banned ${u.email}`)}>
													Ban {u.email}
												</button>
											)}{" "}
											<button type="button" onClick={() => impersonate(u)}>
												Impersonate {u.email}
											</button>
										</>
									)}
								</td>
							</tr>
						);
					})}
				</tbody>
			</table>
		</section>
	);
}
