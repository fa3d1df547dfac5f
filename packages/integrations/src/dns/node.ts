import { Resolver } from "node:dns/promises";
import { DnsUnavailableError, type DnsResolver } from "./types";

export type NodeDnsOptions = {
  /** `ip` or `ip:port` of the servers to ask; the system's resolvers when absent. */
  servers?: string[];
  /** Per-query time-out (node retries once more with it doubled, so the worst case is about three times this). */
  timeoutMs?: number;
};

/** Codes that mean "there is no such record", which is an answer, not a failure. */
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND", "NXDOMAIN"]);

const normalize = (name: string) => name.toLowerCase().replace(/\.$/, "");

/** Real DNS through node:dns (c-ares): what a custom domain publishes on the internet. */
export function createNodeDnsResolver(options: NodeDnsOptions = {}): DnsResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  if (options.servers?.length) resolver.setServers(options.servers);
  async function ask<T>(query: () => Promise<T[]>): Promise<T[]> {
    try {
      return await query();
    } catch (error) {
      const code = (error as { code?: string }).code ?? "EUNKNOWN";
      if (NO_RECORD.has(code)) return [];
      throw new DnsUnavailableError(`DNS query failed (${code}).`, code);
    }
  }
  return {
    txt: async (name) => (await ask(() => resolver.resolveTxt(name))).map((chunks) => chunks.join("")),
    cname: async (name) => (await ask(() => resolver.resolveCname(name))).map(normalize),
  };
}
