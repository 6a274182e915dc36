/** Renders rows as a Markdown table with aligned columns (readable in a terminal and pasteable). */
export function renderTable(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
	return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** `12345.6` → `12,346`; small numbers keep one decimal. */
export function formatRate(value: number): string {
	return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
}

/** Milliseconds with sensible precision. */
export function formatMs(value: number): string {
	return value >= 100 ? `${Math.round(value)}ms` : value >= 10 ? `${value.toFixed(1)}ms` : `${value.toFixed(2)}ms`;
}

/** `1.234` → `1.23×`. */
export function formatRatio(value: number): string {
	return Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
}
