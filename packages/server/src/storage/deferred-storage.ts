import type { ModelName, Rows } from "./rows.ts";
import type { FindManyOptions, NumericField, SessionLookupOptions, Storage, Where } from "./storage.ts";

/**
 * A `Storage` whose implementation is still loading (a driver brought in with `import()`):
 * every call waits for it, then delegates. The dialect is known up front. A load that fails
 * rejects every call (and `close()`), never the process.
 */
export function deferredStorage(dialect: Storage["dialect"], loading: Promise<Storage>): Storage {
	let loaded: Storage | undefined;
	// `.then` with a rejection handler: nobody may have called yet, and a failed load must not
	// become an unhandled rejection.
	loading.then(
		(storage) => {
			loaded = storage;
		},
		() => {},
	);
	// Once loaded, calls go straight through (no extra microtask on the hot path).
	const ready = <T>(use: (storage: Storage) => Promise<T>): Promise<T> => (loaded ? use(loaded) : loading.then(use));
	return {
		dialect,
		create: <M extends ModelName>(model: M, row: Rows[M]) => ready((s) => s.create(model, row)),
		findOne: <M extends ModelName>(model: M, where: Where<M>) => ready((s) => s.findOne(model, where)),
		findMany: <M extends ModelName>(model: M, where: Where<M>, options?: FindManyOptions<M>) => ready((s) => s.findMany(model, where, options)),
		count: <M extends ModelName>(model: M, where: Where<M>) => ready((s) => s.count(model, where)),
		update: <M extends ModelName>(model: M, where: Where<M>, patch: Partial<Rows[M]>) => ready((s) => s.update(model, where, patch)),
		increment: <M extends ModelName>(model: M, where: Where<M>, field: NumericField<M>, by: number) => ready((s) => s.increment(model, where, field, by)),
		delete: <M extends ModelName>(model: M, where: Where<M>) => ready((s) => s.delete(model, where)),
		consume: <M extends ModelName>(model: M, where: Where<M>) => ready((s) => s.consume(model, where)),
		transaction: <T>(fn: (tx: Storage) => Promise<T>) => ready((s) => s.transaction(fn)),
		findSessionAndUser: (token: string, options?: SessionLookupOptions) => ready((s) => s.findSessionAndUser(token, options)),
		migrate: () => ready((s) => s.migrate()),
		close: () => ready((s) => s.close()),
	};
}
