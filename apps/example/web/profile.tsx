import type { FormEvent } from "react";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

/**
 * The signed-in user's profile: name and picture, email (verification, change), password,
 * and account deletion (confirmed through an emailed link).
 */
export function Profile() {
	const { data } = authClient.useSession();
	const { report, view } = useStatus();
	if (!data) return <></>;
	const { user } = data;

	async function saveDetails(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const form = new FormData(event.currentTarget);
		const image = field(form, "image").trim();
		const { error } = await authClient.updateUser({ name: field(form, "name"), image: image || null });
		report(error, "Profile saved");
	}
	async function resendVerification() {
		const { error } = await authClient.sendVerificationEmail({ email: user.email, callbackURL: "/" });
		report(error, "Verification email sent: check your inbox");
	}
	async function changeEmail(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { error } = await authClient.changeEmail({ newEmail: field(new FormData(event.currentTarget), "newEmail"), callbackURL: "/" });
		report(error, user.emailVerified ? "Confirm the change from the link sent to your current address" : "Check the new address for a verification link");
	}
	async function changePassword(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const element = event.currentTarget;
		const form = new FormData(element);
		const { error } = await authClient.changePassword({
			currentPassword: field(form, "currentPassword"),
			newPassword: field(form, "newPassword"),
			revokeOtherSessions: form.get("revokeOtherSessions") === "on",
		});
		if (report(error, "Password changed")) element.reset();
	}
	async function deleteAccount(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const password = field(new FormData(event.currentTarget), "password");
		const { error } = await authClient.deleteUser({ ...(password ? { password } : {}), callbackURL: "/" });
		report(error, "Check your email to confirm the deletion");
	}

	return (
		<section aria-label="Profile">
			<h2>Profile</h2>
			{user.image && <img className="avatar" src={user.image} alt="Your profile" />}
			<p>
				Email: <span data-testid="profile-email">{user.email}</span> —{" "}
				<span data-testid="email-status">{user.emailVerified ? "verified" : "not verified"}</span>
				{!user.emailVerified && (
					<>
						{" "}
						<button type="button" onClick={resendVerification}>
							Resend verification email
						</button>
					</>
				)}
			</p>
			{view}
			<form aria-label="Profile details" onSubmit={saveDetails}>
				<label>
					Display name <input name="name" defaultValue={user.name} required maxLength={128} />
				</label>
				<label>
					Picture URL <input name="image" type="url" defaultValue={user.image ?? ""} maxLength={2048} />
				</label>
				<button type="submit">Save profile</button>
			</form>
			<form aria-label="Change email" onSubmit={changeEmail}>
				<label>
					New email <input name="newEmail" type="email" required maxLength={254} />
				</label>
				<button type="submit">Change email</button>
			</form>
			<form aria-label="Change password" onSubmit={changePassword}>
				<label>
					Current password <input name="currentPassword" type="password" autoComplete="current-password" required maxLength={128} />
				</label>
				<label>
					New password <input name="newPassword" type="password" autoComplete="new-password" minLength={8} maxLength={128} required />
				</label>
				<label>
					<span>
						<input name="revokeOtherSessions" type="checkbox" /> Sign out my other sessions
					</span>
				</label>
				<button type="submit">Change password</button>
			</form>
			<form aria-label="Delete account" onSubmit={deleteAccount}>
				<label>
					Password (to confirm) <input name="password" type="password" autoComplete="current-password" maxLength={128} />
				</label>
				<button type="submit">Delete my account</button>
			</form>
		</section>
	);
}
