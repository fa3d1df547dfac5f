import { createDatabase } from "../client";
import { migrateDatabase } from "../migrate";

const handle = await createDatabase({ url: process.env.DATABASE_URL || undefined });
await migrateDatabase(handle);
console.log(`migrations applied (${handle.kind})`);
await handle.close();
