/**
 * Secondary storage (issue 11): a key-value store with expiry, shared by every server
 * process. Placeholder: filled in by the scale-out work.
 */
export interface SecondaryStorage {
	get(key: string): Promise<string | null> | string | null;
	set(key: string, value: string, ttlSeconds?: number): Promise<void> | void;
	delete(key: string): Promise<void> | void;
}
