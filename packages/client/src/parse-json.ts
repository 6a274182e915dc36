const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const JSON_SIGNATURE = /^\s*["[{]|^\s*-?\d{1,16}(\.\d{1,17})?([Ee][+-]?\d+)?\s*$/;
const SPECIAL: Readonly<Record<string, unknown>> = { true: true, false: false, null: null };

/** Parses an ISO-8601 timestamp (`Z` or `±hh:mm`, 1–7 fractional digits) into a `Date`, else `null`. */
export function parseISODate(value: string): Date | null {
	const match = ISO_DATE.exec(value);
	if (!match) return null;
	const [, year, month, day, hour, minute, second, fraction, sign, offsetHour, offsetMinute] = match.map((part) => part ?? "");
	const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
	const time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
	const offsetMinutes = sign ? (Number(offsetHour) * 60 + Number(offsetMinute)) * (sign === "+" ? -1 : 1) : 0;
	const date = new Date(time + offsetMinutes * 60_000);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The client's JSON parser (spec/core.md §2.4): empty text → `null`; JSON → value with every
 * ISO-8601 string revived into a `Date` and `__proto__` keys dropped; anything else → the text.
 *
 * @example
 * parseJSON('{"createdAt":"2026-11-22T07:43:00.958Z"}').createdAt instanceof Date; // true
 */
export function parseJSON(text: string): unknown {
	if (!text) return null;
	const trimmed = text.trim();
	if (trimmed in SPECIAL) return SPECIAL[trimmed];
	if (!JSON_SIGNATURE.test(trimmed)) return text;
	try {
		return JSON.parse(trimmed, (key, value: unknown) => {
			// Prototype pollution: a `__proto__` key must never reach an object the app merges.
			if (key === "__proto__") return undefined;
			if (typeof value === "string") return parseISODate(value) ?? value;
			return value;
		});
	} catch {
		return text;
	}
}
