import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDnsResolver,
  createNodeDnsResolver,
  createStaticDnsResolver,
  DnsUnavailableError,
} from "../src/dns";
import { startDnsStandIn } from "../src/testing/dns-stand-in";

describe("node:dns adapter against a local DNS server", () => {
  let dns: Awaited<ReturnType<typeof startDnsStandIn>>;
  beforeAll(async () => {
    dns = await startDnsStandIn({
      "_cannasaas-verify.shop.example.com": { txt: ["cannasaas-verify=abc123", "v=spf1 -all"] },
      "shop.example.com": { cname: "greenleaf.cannasaas.app." },
      "empty.example.com": {},
      "broken.example.com": { servfail: true },
      "slow.example.com": { silent: true },
    });
  });
  afterAll(() => dns.close());
  const resolver = () => createNodeDnsResolver({ servers: [dns.server], timeoutMs: 200 });

  it("reads TXT records and CNAME targets", async () => {
    expect(await resolver().txt("_cannasaas-verify.shop.example.com")).toEqual([
      "cannasaas-verify=abc123",
      "v=spf1 -all",
    ]);
    expect(await resolver().cname("shop.example.com")).toEqual(["greenleaf.cannasaas.app"]);
  });

  it("answers an empty list for a missing name or a name without the record", async () => {
    expect(await resolver().txt("nowhere.example.com")).toEqual([]);
    expect(await resolver().txt("empty.example.com")).toEqual([]);
    expect(await resolver().cname("empty.example.com")).toEqual([]);
  });

  it("reports a server failure and a time-out as unavailable, not as 'no record'", async () => {
    await expect(resolver().txt("broken.example.com")).rejects.toBeInstanceOf(DnsUnavailableError);
    const timeout = await resolver()
      .cname("slow.example.com")
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(DnsUnavailableError);
    expect((timeout as DnsUnavailableError).code).toBe("ETIMEOUT");
  });
});

describe("offline resolver", () => {
  it("answers from its table only", async () => {
    const resolver = createStaticDnsResolver({ "Shop.Example.com.": { txt: ["x"], cname: ["A.Example."] } });
    expect(await resolver.txt("shop.example.com")).toEqual(["x"]);
    expect(await resolver.cname("shop.example.com")).toEqual(["a.example"]);
    expect(await resolver.txt("other.example.com")).toEqual([]);
  });

  it("is the default outside production; real DNS is chosen by DOMAIN_DNS or production", async () => {
    const offline = createDnsResolver({ LOCAL_DNS_RECORDS: '{"a.test":{"txt":["t"]}}' });
    expect(await offline.txt("a.test")).toEqual(["t"]);
    expect(() => createDnsResolver({ LOCAL_DNS_RECORDS: "{" })).toThrow(/LOCAL_DNS_RECORDS/);
  });
});
