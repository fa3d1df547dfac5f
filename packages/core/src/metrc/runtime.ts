import { readIntegrationsEnv } from "@cannasaas/integrations/env";
import type { CoreDeps } from "../deps";
import { personalDataBox } from "../crypto/pii";
import type { SecretBox } from "../crypto/secret-box";

/** What the METRC services need beyond the database: the vendor key, the secret box for user keys, transport. */
export type MetrcRuntime = {
  /** The platform's integrator key (METRC_VENDOR_KEY); null means METRC is not configured on this deployment. */
  vendorKey: string | null;
  /** Opens and seals the locations' user keys (DATA_ENCRYPTION_KEYS); null when no key is configured. */
  box: SecretBox | null;
  /** METRC_BASE_URL: one base URL for every state (a stand-in); null means https://api-{state}.metrc.com. */
  baseUrlOverride: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** How long "Sync now" and "Reconcile now" may run (MANUAL_RUN_BUDGET_MS unless given; tests give a tiny one). */
  manualRunBudgetMs?: number;
};

export type MetrcDeps = Pick<CoreDeps, "db" | "kv" | "clock" | "log"> & {
  metrc: MetrcRuntime;
  /** Injected so tests can skip real waiting (backoff, Retry-After, pacing). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/** The runtime the caller was given (tests, a stand-in), else the environment's. */
export const metrcRuntimeOf = (deps: { metrc?: MetrcRuntime }): MetrcRuntime =>
  deps.metrc ?? metrcRuntimeFromEnv();

/** `source` defaults to the process environment, read by the integrations env module. */
export function metrcRuntimeFromEnv(source?: Record<string, string | undefined>): MetrcRuntime {
  const env = readIntegrationsEnv(source);
  return {
    vendorKey: env.METRC_VENDOR_KEY ?? null,
    box: platformBox(),
    baseUrlOverride: env.METRC_BASE_URL ?? null,
    timeoutMs: env.METRC_TIMEOUT_MS,
  };
}

/** The platform's key ring (DATA_ENCRYPTION_KEYS, or the development key off production); null when refused. */
function platformBox(): SecretBox | null {
  try {
    return personalDataBox();
  } catch {
    return null;
  }
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
