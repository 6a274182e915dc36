import type { ModelName, Rows, SessionRow, UserRow } from "./rows.ts";
import type { FindManyOptions, NumericField, SessionLookupOptions, Storage, Where } from "./storage.ts";
import { ServiceUnavailableError } from "./unavailable.ts";

/**
 * Bounds every storage call by `timeoutMs`: past it the call fails with
 * {@link ServiceUnavailableError} (503) instead of holding the request. The driver alone is
 * not enough: postgres-js waits without limit for a connection whose peer accepted TCP and
 * then went away during the handshake (seen behind proxies during an outage). A transaction
 * gets each statement bounded, and the whole of it three times that.
 */
export function withQueryTimeout(storage: Storage, timeoutMs: number): Storage {
	if (timeoutMs <= 0) return storage;
	const bound = <T>(promise: Promise<T>, ms = timeoutMs): Promise<T> => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new ServiceUnavailableError("database: query timed out")), ms);
		});
		return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
	};
	const wrap = (inner: Storage): Storage => ({
		dialect: inner.dialect,
		create: <M extends ModelName>(model: M, row: Rows[M]) => bound(inner.create(model, row)),
		findOne: <M extends ModelName>(model: M, where: Where<M>) => bound(inner.findOne(model, where)),
		findMany: <M extends ModelName>(model: M, where: Where<M>, options?: FindManyOptions<M>) => bound(inner.findMany(model, where, options)),
		count: <M extends ModelName>(model: M, where: Where<M>) => bound(inner.count(model, where)),
		update: <M extends ModelName>(model: M, where: Where<M>, patch: Partial<Rows[M]>) => bound(inner.update(model, where, patch)),
		increment: <M extends ModelName>(model: M, where: Where<M>, field: NumericField<M>, by: number) => bound(inner.increment(model, where, field, by)),
		delete: <M extends ModelName>(model: M, where: Where<M>) => bound(inner.delete(model, where)),
		consume: <M extends ModelName>(model: M, where: Where<M>) => bound(inner.consume(model, where)),
		transaction: <T>(fn: (tx: Storage) => Promise<T>) => bound(inner.transaction((tx) => fn(wrap(tx))), timeoutMs * 3),
		findSessionAndUser: (token: string, options?: SessionLookupOptions): Promise<{ session: SessionRow; user: UserRow } | null> =>
			bound(inner.findSessionAndUser(token, options)),
		migrate: () => inner.migrate(),
		close: () => inner.close(),
	});
	return wrap(storage);
}
