export { serve } from "./serve.ts";
export type { ServeHandle, ServeOptions } from "./serve.ts";
export { shutdownOnSignal } from "./shutdown-on-signal.ts";
export type { Closable, ShutdownOptions } from "./shutdown-on-signal.ts";
