import { useSyncExternalStore } from "react";

/** Second-factor methods offered by the server after a password sign-in, or null. */
export type PendingTwoFactor = readonly ("totp" | "otp")[] | null;

let pending: PendingTwoFactor = null;
const listeners = new Set<() => void>();

/** Records that the last sign-in waits for a second factor (`null` clears it). */
export function setPendingTwoFactor(methods: PendingTwoFactor): void {
	pending = methods;
	for (const listener of listeners) listener();
}

/** The pending second-factor challenge, re-rendering when it changes. */
export function usePendingTwoFactor(): PendingTwoFactor {
	return useSyncExternalStore(
		(listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		() => pending,
	);
}
