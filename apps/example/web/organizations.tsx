import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { OrganizationMembers } from "./organization-members.tsx";
import { field, useStatus } from "./status.tsx";

type Organization = { id: string; name: string; slug: string };

/** A URL slug from a name: lowercase letters, digits and dashes. */
function slugify(name: string): string {
	return name
		.toLowerCase()
		.normalize("NFKD")
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, 48);
}

/** The user's organizations: create one, switch the active one, and manage the active one's members. */
export function Organizations() {
	const { data: session } = authClient.useSession();
	const [organizations, setOrganizations] = useState<Organization[]>([]);
	const { report, view } = useStatus();
	const activeId = session?.session.activeOrganizationId ?? null;

	const refresh = useCallback(async () => {
		const { data } = await authClient.organization.list();
		setOrganizations(data ?? []);
	}, []);
	useEffect(() => void refresh(), [refresh]);

	async function create(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = event.currentTarget;
		const name = field(new FormData(form), "name").trim();
		const { error } = await authClient.organization.create({ name, slug: `${slugify(name) || "org"}-${crypto.randomUUID().slice(0, 6)}` });
		if (report(error, `Created ${name}`)) form.reset();
		await refresh();
	}
	async function switchTo(organization: Organization) {
		const { error } = await authClient.organization.setActive({ organizationId: organization.id });
		report(error, `${organization.name} is now active`);
	}

	const active = organizations.find((o) => o.id === activeId);
	return (
		<section aria-label="Organizations">
			<h2>Organizations</h2>
			<p>
				Active organization: <strong data-testid="active-organization">{active?.name ?? "none"}</strong>
			</p>
			<ul aria-label="Your organizations">
				{organizations.map((o) => (
					<li key={o.id}>
						{o.name}{" "}
						{o.id === activeId ? (
							<em>(active)</em>
						) : (
							<button type="button" onClick={() => switchTo(o)}>
								Switch to {o.name}
							</button>
						)}
					</li>
				))}
			</ul>
			{view}
			<form aria-label="Create organization" onSubmit={create}>
				<label>
					Organization name <input name="name" required maxLength={100} />
				</label>
				<button type="submit">Create organization</button>
			</form>
			{active && <OrganizationMembers key={active.id} organizationId={active.id} />}
		</section>
	);
}
