import "server-only";
import { defaultDataDir, getDatabase } from "@cannasaas/db/client";
import type { AuthDeps } from "@cannasaas/auth";
import { systemClock } from "@cannasaas/core";
import { createAiProvider } from "@cannasaas/integrations/ai";
import { readAiSettings } from "@cannasaas/integrations/env";
import { createKv } from "@cannasaas/integrations/kv";
import { logger } from "@cannasaas/integrations/logger";
import { createMailTransport } from "@cannasaas/integrations/mail";
import { createSmsProvider } from "@cannasaas/integrations/sms";
import { createPushSender } from "@cannasaas/integrations/push";
import { createSharpImageProcessor } from "@cannasaas/integrations/images/sharp";
import { createFileStorage } from "@cannasaas/integrations/storage";
import { billingFromEnv } from "./billing";
import { isProductionDeployment } from "~/env";

const globalForDeps = globalThis as unknown as { __cannasaasDeps?: Promise<AuthDeps> };

/**
 * The process-wide service dependencies: database, cache, mail, SMS, web push, file storage, billing, AI, clock
 * and logger.
 */
export function getDeps(): Promise<AuthDeps> {
  globalForDeps.__cannasaasDeps ??= getDatabase().then((handle) => ({
    db: handle.db,
    kv: createKv(),
    mail: createMailTransport(),
    sms: createSmsProvider(),
    push: createPushSender(),
    clock: systemClock,
    log: logger,
    storage: createFileStorage({ dataDir: defaultDataDir() }),
    images: createSharpImageProcessor(),
    billing: billingFromEnv(),
    allowInsecureWebhookUrls: !isProductionDeployment(),
    ai: createAiProvider(readAiSettings()),
  }));
  return globalForDeps.__cannasaasDeps;
}
