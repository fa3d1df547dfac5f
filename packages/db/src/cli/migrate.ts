import { createDatabase } from "../client";
import { readDbEnv } from "../env";
import { migrateDatabase } from "../migrate";

const handle = await createDatabase({ url: readDbEnv().DATABASE_URL });
await migrateDatabase(handle);
console.log(`migrations applied (${handle.kind})`);
await handle.close();
