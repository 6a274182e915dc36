import "../../core/src/contract/define-route.ts"; import "../../core/src/model.ts"; import * as z from "zod"; export const a = z.object({a: z.string()});
