import { useEffect, useState } from "react";
import { authClient } from "./client.ts";
import { errorText, useStatus } from "./status.tsx";

type InvitationDetails = { organizationName: string; inviterEmail: string; role: string; status: string };

/** Drops `?invitation=…` from the address bar once the invitation is answered. */
function forgetInvitation(): void {
	history.replaceState(null, "", `/${location.hash}`);
}

/** An organization invitation opened from its emailed link (`/?invitation=<id>`): accept or decline. */
export function Invitation({ id }: { id: string }) {
	const [invitation, setInvitation] = useState<InvitationDetails | null>(null);
	const [loadError, setLoadError] = useState("");
	const { status, report, view } = useStatus();

	useEffect(() => {
		authClient.organization.getInvitation({ query: { id } }).then(({ data, error }) => {
			if (error) setLoadError(errorText(error, "This invitation cannot be opened"));
			else setInvitation(data);
		});
	}, [id]);

	async function accept() {
		const { error } = await authClient.organization.acceptInvitation({ invitationId: id });
		if (report(error, `You joined ${invitation?.organizationName ?? "the organization"}`)) forgetInvitation();
	}
	async function decline() {
		const { error } = await authClient.organization.rejectInvitation({ invitationId: id });
		if (report(error, "Invitation declined")) forgetInvitation();
	}

	if (loadError) return <p role="alert">{loadError}</p>;
	if (!invitation) return null;
	const answered = status?.kind === "ok" || invitation.status !== "pending";
	return (
		<section aria-label="Invitation" className="banner">
			<p>
				<strong>{invitation.inviterEmail}</strong> invites you to join <strong>{invitation.organizationName}</strong> as {invitation.role}.
			</p>
			{!answered && (
				<p>
					<button type="button" onClick={accept}>
						Accept invitation
					</button>{" "}
					<button type="button" onClick={decline}>
						Decline
					</button>
				</p>
			)}
			{view}
		</section>
	);
}
