export type { SecondaryStorage } from "./secondary-storage.ts";
