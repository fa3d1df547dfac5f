import { createNextAuth } from "@cannasaas/auth/next-auth";
import { env } from "./env";
import { getDeps } from "./server/deps";
import { deliverOutbox } from "./server/outbox";

export const { handlers, auth, signIn, signOut } = createNextAuth({
  getDeps,
  rootDomain: env().ROOT_DOMAIN,
  publicScheme: env().PUBLIC_SCHEME,
  deliverOutbox,
});
