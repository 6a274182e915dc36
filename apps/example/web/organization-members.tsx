import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

type FullOrganization = {
	name: string;
	members: { id: string; role: string; userId: string; user: { email: string; name: string } }[];
	invitations: { id: string; email: string; role: string; status: string }[];
};

const ROLES = ["member", "admin", "owner"] as const;

/** Members and roles of the active organization; invite by email (the link lands in the outbox). */
export function OrganizationMembers({ organizationId }: { organizationId: string }) {
	const { data: session } = authClient.useSession();
	const [organization, setOrganization] = useState<FullOrganization | null>(null);
	const { report, view } = useStatus();

	const refresh = useCallback(async () => {
		const { data } = await authClient.organization.getFullOrganization({ query: { organizationId } });
		setOrganization(data ?? null);
	}, [organizationId]);
	useEffect(() => void refresh(), [refresh]);

	async function invite(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = event.currentTarget;
		const data = new FormData(form);
		const email = field(data, "email");
		const { error } = await authClient.organization.inviteMember({ email, role: field(data, "role"), organizationId });
		if (report(error, `Invitation sent to ${email}`)) form.reset();
		await refresh();
	}
	async function setRole(memberId: string, role: string) {
		const { error } = await authClient.organization.updateMemberRole({ memberId, role, organizationId });
		report(error, `Role changed to ${role}`);
		await refresh();
	}
	async function remove(memberId: string, email: string) {
		const { error } = await authClient.organization.removeMember({ memberIdOrEmail: memberId, organizationId });
		report(error, `Removed ${email}`);
		await refresh();
	}
	async function cancel(invitationId: string) {
		const { error } = await authClient.organization.cancelInvitation({ invitationId });
		report(error, "Invitation canceled");
		await refresh();
	}

	if (!organization) return null;
	const pending = organization.invitations.filter((i) => i.status === "pending");
	return (
		<section aria-label="Members">
			<h3>Members of {organization.name}</h3>
			<table aria-label="Members">
				<thead>
					<tr>
						<th>Member</th>
						<th>Role</th>
						<th />
					</tr>
				</thead>
				<tbody>
					{organization.members.map((m) => (
						<tr key={m.id}>
							<td>{m.user.email}</td>
							<td data-testid="member-role">{m.role}</td>
							<td>
								{m.userId !== session?.user.id && (
									<>
										<label>
											New role for {m.user.email}
											<select aria-label={`Role of ${m.user.email}`} defaultValue={m.role} onChange={(e) => setRole(m.id, e.currentTarget.value)}>
												{ROLES.map((r) => (
													<option key={r}>{r}</option>
												))}
											</select>
										</label>
										<button type="button" onClick={() => remove(m.id, m.user.email)}>
											Remove {m.user.email}
										</button>
									</>
								)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
			{view}
			<form aria-label="Invite member" onSubmit={invite}>
				<label>
					Invitee email <input name="email" type="email" required maxLength={254} />
				</label>
				<label>
					Invitee role
					<select name="role" defaultValue="member">
						{ROLES.map((r) => (
							<option key={r}>{r}</option>
						))}
					</select>
				</label>
				<button type="submit">Send invitation</button>
			</form>
			<ul aria-label="Pending invitations">
				{pending.map((i) => (
					<li key={i.id}>
						{i.email} ({i.role}){" "}
						<button type="button" onClick={() => cancel(i.id)}>
							Cancel invitation to {i.email}
						</button>
					</li>
				))}
			</ul>
		</section>
	);
}
