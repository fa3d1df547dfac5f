import { describe, expect, it } from "vitest";
import { classifyAddress, classifyHost } from "../src/http";

/** Every address here is refused, except the ones classed "public"; "loopback" is refused unless configured. */
const ADDRESSES: [string, "public" | "loopback" | "private" | null][] = [
  // IPv4
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["93.184.216.34", "public"],
  ["0.0.0.0", "private"],
  ["0.1.2.3", "private"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["100.63.255.255", "public"],
  ["100.64.0.1", "private"],
  ["100.127.255.255", "private"],
  ["100.128.0.0", "public"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["169.254.169.254", "private"],
  ["172.15.255.255", "public"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.0", "public"],
  ["192.0.0.8", "private"],
  ["192.0.2.1", "private"],
  ["192.88.99.1", "private"],
  ["192.168.1.1", "private"],
  ["198.17.255.255", "public"],
  ["198.18.0.1", "private"],
  ["198.19.255.255", "private"],
  ["198.20.0.0", "public"],
  ["198.51.100.7", "private"],
  ["203.0.113.9", "private"],
  ["224.0.0.1", "private"],
  ["239.255.255.250", "private"],
  ["240.0.0.1", "private"],
  ["255.255.255.255", "private"],
  // IPv6
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["::", "private"],
  ["::ffff:127.0.0.1", "loopback"],
  ["[::ffff:127.0.0.1]", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:169.254.169.254", "private"],
  ["::ffff:a9fe:a9fe", "private"],
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:8.8.8.8", "public"],
  ["::127.0.0.1", "loopback"],
  ["::10.0.0.1", "private"],
  ["::ffff:0:169.254.169.254", "private"],
  ["64:ff9b::7f00:1", "private"],
  ["64:ff9b::8.8.8.8", "private"],
  ["64:ff9b:1::1", "private"],
  ["2002:7f00:1::", "loopback"],
  ["2002:a9fe:a9fe::1", "private"],
  ["2002:0808:0808::1", "public"],
  ["fc00::1", "private"],
  ["fd12:3456:789a::1", "private"],
  ["fe80::1", "private"],
  ["fe80::1%eth0", "private"],
  ["fec0::1", "private"],
  ["ff02::1", "private"],
  ["100::1", "private"],
  ["2001::1", "private"],
  ["2001:2::1", "private"],
  ["2001:db8::1", "private"],
  ["3fff::1", "private"],
  ["2606:4700:4700::1111", "public"],
  ["2a00:1450:4001:81c::200e", "public"],
  // not addresses
  ["example.com", null],
  ["1.2.3", null],
  ["256.1.1.1", null],
  ["01.2.3.4", null],
  ["1::2::3", null],
  ["1:2:3:4:5:6:7:8:9", null],
  ["::ffff:1.2.3.256", null],
  ["gggg::1", null],
];

const HOSTS: [string, "public" | "loopback" | "private" | "name"][] = [
  ["localhost", "loopback"],
  ["LOCALHOST", "loopback"],
  ["localhost.", "loopback"],
  ["localhost..", "private"],
  ["shop.localhost", "loopback"],
  ["shop.localhost.", "loopback"],
  ["metadata.google.internal", "private"],
  ["metadata.google.internal.", "private"],
  ["anything.internal", "private"],
  ["printer.local", "private"],
  ["router.home.arpa", "private"],
  ["metadata", "private"],
  ["intranet", "private"],
  [".example.com", "private"],
  ["a..example.com", "private"],
  ["1.2.3", "private"],
  ["hooks.example.com", "name"],
  ["hooks.example.com.", "name"],
  ["localhost.example.com", "name"],
  ["[::ffff:127.0.0.1]", "loopback"],
  ["169.254.169.254", "private"],
  ["8.8.8.8", "public"],
];

describe("address classifier", () => {
  it.each(ADDRESSES)("classifies %s as %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
  it.each(HOSTS)("classifies the host %s as %s", (host, expected) => {
    expect(classifyHost(host)).toBe(expected);
  });
  it("sees through the forms the URL parser normalizes an address to", () => {
    for (const raw of [
      "https://0x7f.1/",
      "https://2130706433/",
      "https://0177.0.0.1/",
      "https://[::ffff:127.0.0.1]/x",
      "https://[0:0:0:0:0:ffff:7f00:1]/",
    ]) {
      expect(classifyHost(new URL(raw).hostname), raw).toBe("loopback");
    }
    expect(classifyHost(new URL("https://[::ffff:169.254.169.254]/").hostname)).toBe("private");
  });
});
