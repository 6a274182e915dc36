// Baseline for `src/type-budget.test.ts`: what importing `@latchkey/core` from source costs alone.
export type { User } from "@latchkey/core";
import "@latchkey/core";
