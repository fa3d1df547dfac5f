import { type EnvSource, readIntegrationsEnv } from "../env";
import { createNodeDnsResolver } from "./node";
import { createStaticDnsResolver } from "./static";
import type { DnsResolver } from "./types";

export { DnsUnavailableError, type DnsResolver } from "./types";
export { createNodeDnsResolver, type NodeDnsOptions } from "./node";
export { createStaticDnsResolver, type StaticDnsRecords } from "./static";

/**
 * Real DNS when `DOMAIN_DNS=system` (the default in production), otherwise the offline table from
 * `LOCAL_DNS_RECORDS`, so local development never depends on the network.
 */
export function createDnsResolver(source?: EnvSource): DnsResolver {
  const env = readIntegrationsEnv(source);
  const mode = env.DOMAIN_DNS ?? (env.NODE_ENV === "production" ? "system" : "offline");
  if (mode === "system") return createNodeDnsResolver({ servers: env.DNS_SERVERS });
  return createStaticDnsResolver(env.LOCAL_DNS_RECORDS);
}
