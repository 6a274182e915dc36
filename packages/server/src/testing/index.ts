export { CookieJar } from "./cookie-jar.ts";
export { fastTestHasher } from "./fast-hasher.ts";
export { createTestStorage, isPgAvailable, testDialects, TEST_PG_URL } from "./databases.ts";
export type { Dialect } from "./databases.ts";
export { disposeTestInstances, getTestInstance, TEST_ORIGIN, TEST_SECRET } from "./test-instance.ts";
export type { TestClient, TestInstance } from "./test-instance.ts";
