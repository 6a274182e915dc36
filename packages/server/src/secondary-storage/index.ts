export type { SecondaryIncrement, SecondaryStorage } from "./secondary-storage.ts";
export { createRedisStorage } from "./redis-storage.ts";
export type { RedisStorageOptions } from "./redis-storage.ts";
export { createMemorySecondaryStorage } from "./memory-storage.ts";
export { withSecondaryStorage } from "./cached-storage.ts";
export type { CachedStorageOptions } from "./cached-storage.ts";
export { SecondaryRateLimitStorage } from "./secondary-rate-limit.ts";
