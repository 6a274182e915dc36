import { defineConfig } from "drizzle-kit";

export default defineConfig({ dialect: "sqlite", schema: "./src/storage/drizzle/schema.sqlite.ts", out: "./src/storage/migrations/sqlite" });
