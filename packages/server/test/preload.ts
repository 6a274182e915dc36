import { afterEach } from "bun:test";
import { isPgAvailable } from "../src/testing/databases.ts";
import { disposeTestInstances } from "../src/testing/test-instance.ts";

// Fails the whole run under CI=true when PostgreSQL is down; warns visibly elsewhere.
await isPgAvailable();
// After every test, so PostgreSQL connections never pile up across a run.
afterEach(disposeTestInstances);
