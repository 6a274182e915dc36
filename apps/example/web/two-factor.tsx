import { useState } from "react";
import type { FormEvent } from "react";
import { renderSVG } from "uqr";
import { authClient } from "./client.ts";
import { field, useStatus } from "./status.tsx";

/** The otpauth URI as a QR code image (an SVG `data:` URL: the CSP allows `img-src data:`, nothing inline runs). */
function qrDataUrl(uri: string): string {
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(uri))}`;
}

/** The `secret` parameter of an otpauth URI, for typing into an app by hand. */
function secretOf(uri: string): string {
	try {
		return new URL(uri).searchParams.get("secret") ?? "";
	} catch {
		return "";
	}
}

function BackupCodes({ codes }: { codes: readonly string[] }) {
	return (
		<>
			<p>Backup codes: each works once. Keep them somewhere safe; they are not shown again.</p>
			<ul aria-label="Backup codes" className="codes">
				{codes.map((code) => (
					<li key={code}>{code}</li>
				))}
			</ul>
		</>
	);
}

/**
 * Two-factor settings. Setup: password → QR code (and the secret) plus backup codes → the
 * first code from the app turns 2FA on. Then: new backup codes, or turn it off.
 */
export function TwoFactor() {
	const { data } = authClient.useSession();
	const { report, view } = useStatus();
	const [enrolment, setEnrolment] = useState<{ totpURI: string; backupCodes: string[] } | null>(null);
	const [newCodes, setNewCodes] = useState<string[] | null>(null);
	const enabled = data?.user.twoFactorEnabled === true;

	async function enable(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { data, error } = await authClient.twoFactor.enable({ password: field(new FormData(event.currentTarget), "password"), method: "totp" });
		if (report(error, "Scan the QR code, then enter the code your app shows") && data?.method === "totp") setEnrolment({ totpURI: data.totpURI, backupCodes: data.backupCodes });
	}
	async function verify(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { error } = await authClient.twoFactor.verifyTotp({ code: field(new FormData(event.currentTarget), "code").trim() });
		if (report(error, "Two-factor authentication is on")) setEnrolment(null);
	}
	async function regenerate(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { data, error } = await authClient.twoFactor.generateBackupCodes({ password: field(new FormData(event.currentTarget), "password") });
		if (report(error, "New backup codes generated; the old ones no longer work")) setNewCodes(data?.backupCodes ?? []);
	}
	async function disable(event: FormEvent<HTMLFormElement>) {
		event.preventDefault();
		const { error } = await authClient.twoFactor.disable({ password: field(new FormData(event.currentTarget), "password") });
		if (report(error, "Two-factor authentication is off")) setNewCodes(null);
	}

	return (
		<section aria-label="Two-factor authentication">
			<h2>Two-factor authentication</h2>
			<p>
				Status: <strong data-testid="two-factor-status">{enabled ? "on" : "off"}</strong>
			</p>
			{view}
			{!enabled && !enrolment && (
				<form aria-label="Set up two-factor" onSubmit={enable}>
					<label>
						Password <input name="password" type="password" autoComplete="current-password" required maxLength={128} />
					</label>
					<button type="submit">Set up two-factor</button>
				</form>
			)}
			{!enabled && enrolment && (
				<>
					<img className="qr" src={qrDataUrl(enrolment.totpURI)} alt="QR code for your authenticator app" />
					<p>
						Or enter this secret: <code data-testid="totp-secret">{secretOf(enrolment.totpURI)}</code>
					</p>
					<details>
						<summary>otpauth URI</summary>
						<code data-testid="totp-uri">{enrolment.totpURI}</code>
					</details>
					<BackupCodes codes={enrolment.backupCodes} />
					<form aria-label="Verify authenticator" onSubmit={verify}>
						<label>
							Code from the app <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={10} />
						</label>
						<button type="submit">Turn on two-factor</button>
					</form>
				</>
			)}
			{enabled && (
				<>
					{newCodes && <BackupCodes codes={newCodes} />}
					<form aria-label="New backup codes" onSubmit={regenerate}>
						<label>
							Password <input name="password" type="password" autoComplete="current-password" required maxLength={128} />
						</label>
						<button type="submit">Generate new backup codes</button>
					</form>
					<form aria-label="Turn off two-factor" onSubmit={disable}>
						<label>
							Password <input name="password" type="password" autoComplete="current-password" required maxLength={128} />
						</label>
						<button type="submit">Turn off two-factor</button>
					</form>
				</>
			)}
		</section>
	);
}
