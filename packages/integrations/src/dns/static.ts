import type { DnsResolver } from "./types";

export type StaticDnsRecords = Record<string, { txt?: string[]; cname?: string[] }>;

/**
 * Answers from a fixed table instead of the network: the default on a laptop, where a custom domain cannot be
 * published. `LOCAL_DNS_RECORDS` (JSON, name -> { txt, cname }) lets a developer "publish" a record locally.
 */
export function createStaticDnsResolver(records: StaticDnsRecords = {}): DnsResolver {
  const table = new Map(
    Object.entries(records).map(([name, r]) => [name.toLowerCase().replace(/\.$/, ""), r]),
  );
  const at = (name: string) => table.get(name.toLowerCase().replace(/\.$/, ""));
  return {
    txt: async (name) => [...(at(name)?.txt ?? [])],
    cname: async (name) => (at(name)?.cname ?? []).map((c) => c.toLowerCase().replace(/\.$/, "")),
  };
}
