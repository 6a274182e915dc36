/** A FIFO async lock. */
export class Mutex {
	private tail: Promise<void> = Promise.resolve();
	private held = 0;

	/** True while someone holds or waits for the lock. */
	get isLocked(): boolean {
		return this.held > 0;
	}

	async run<T>(fn: () => Promise<T>): Promise<T> {
		this.held++;
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => {
			release = resolve;
		});
		try {
			await previous;
			return await fn();
		} finally {
			this.held--;
			release();
		}
	}
}
