import { defineConfig } from "drizzle-kit";

export default defineConfig({ dialect: "postgresql", schema: "./src/storage/drizzle/schema.pg.ts", out: "./src/storage/migrations/pg" });
