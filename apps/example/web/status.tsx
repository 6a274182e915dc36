import { useCallback, useState } from "react";
import type { JSX } from "react";

/** The error half of a client result. */
export interface ErrorLike {
	message?: string | undefined;
	status?: number;
}

/** A short message for the user: the server's message, else the HTTP status. */
export function errorText(error: ErrorLike, fallback = "Something went wrong"): string {
	return error.message || (error.status ? `${fallback} (HTTP ${error.status})` : fallback);
}

/** The string value of a form field ("" when absent). */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === "string" ? value : "";
}

/** A status line: `ok` shows as `role="status"`, a failure as `role="alert"`. */
export interface Status {
	kind: "ok" | "error";
	text: string;
}

/**
 * State for one page's status line. `report(error, okText)` shows the error when there is one,
 * else `okText`; returns true on success.
 */
export function useStatus(): { status: Status | null; report: (error: ErrorLike | null, okText: string) => boolean; view: JSX.Element | null } {
	const [status, setStatus] = useState<Status | null>(null);
	const report = useCallback((error: ErrorLike | null, okText: string): boolean => {
		setStatus(error ? { kind: "error", text: errorText(error) } : { kind: "ok", text: okText });
		return !error;
	}, []);
	const view = status ? <p role={status.kind === "ok" ? "status" : "alert"}>{status.text}</p> : null;
	return { status, report, view };
}
