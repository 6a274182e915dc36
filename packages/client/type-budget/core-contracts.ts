// For comparison in `src/type-budget.test.ts`: what importing `@latchkey/core` itself costs
// (every zod route contract type-checked from source). The client no longer pays this.
export type { User } from "@latchkey/core";
import "@latchkey/core";
