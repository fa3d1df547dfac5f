/**
 * Which hosts an outbound request may reach. Pure: no DNS, no sockets. A host is "public" only when it is a
 * globally routable unicast address; everything else (loopback, private, link-local, carrier-grade NAT,
 * benchmark, documentation, reserved and multicast ranges, and IPv6 forms that embed or translate to IPv4) is
 * refused. Written by hand rather than with node:net BlockList, which does not look through IPv4-mapped,
 * NAT64 or 6to4 forms.
 */

/** "loopback" is kept apart from "private" so local development can allow it (and only it) by configuration. */
export type AddressClass = "public" | "loopback" | "private";

/** An IP literal's class, or `null` when the text is not an IP address. */
export function classifyAddress(text: string): AddressClass | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v4 = parseIPv4(bare);
  if (v4 !== null) return classifyIPv4(v4);
  const v6 = parseIPv6(bare);
  if (v6 !== null) return classifyIPv6(v6);
  return null;
}

/** Names that never mean a host on the internet: they resolve to this machine or to a private network. */
const LOOPBACK_NAMES = ["localhost"];
const PRIVATE_SUFFIXES = [
  "internal",
  "local",
  "localdomain",
  "home.arpa",
  "intranet",
  "lan",
  "corp",
  "private",
];

/**
 * A host name's class before resolving it: an IP literal's class, "loopback" or "private" for names that are
 * never public, or "name" for a name that must be resolved (and each address it resolves to checked).
 */
export function classifyHost(host: string): AddressClass | "name" {
  const literal = classifyAddress(host);
  if (literal) return literal;
  // One trailing dot is the fully qualified form of the same name; an empty label anywhere else is malformed.
  const name = host.toLowerCase().replace(/\.$/, "");
  if (!name || name.startsWith(".") || name.endsWith(".") || name.includes("..")) return "private";
  if (LOOPBACK_NAMES.some((n) => name === n || name.endsWith(`.${n}`))) return "loopback";
  if (PRIVATE_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return "private";
  // A single-label name is completed by the resolver's search domains: an internal host.
  if (!name.includes(".")) return "private";
  // A name whose last label is all digits is an address in a form the URL parser did not normalize.
  if (/^\d+$/.test(name.slice(name.lastIndexOf(".") + 1))) return "private";
  return "name";
}

export function parseIPv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1]!.length > 1 && m[i + 1]!.startsWith("0")))) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** Eight 16-bit groups, or null. Accepts "::" compression, a dotted IPv4 tail and a "%zone" suffix. */
export function parseIPv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf("%");
  if (zone !== -1) s = s.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(s) || !s.includes(":")) return null;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const size = head.length + rest.length;
  if (halves.length === 1 ? size !== 8 : size > 7) return null;
  const fill = halves.length === 2 ? new Array<string>(8 - size).fill("0") : [];
  return [...head, ...fill, ...rest].map((g) => parseInt(g, 16));
}

/** [network, prefix length] pairs of IPv4 ranges that are not public (RFC 6890 and its updates). */
const IPV4_NOT_PUBLIC: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255 broadcast
];
const IPV4_RANGES = IPV4_NOT_PUBLIC.map(([net, bits]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { net: (parseIPv4(net)! & mask) >>> 0, mask };
});

export function classifyIPv4(ip: number): AddressClass {
  if (ip >>> 24 === 127) return "loopback";
  return IPV4_RANGES.some((r) => (ip & r.mask) >>> 0 === r.net) ? "private" : "public";
}

const v4Of = (g: number[]) => ((g[6]! << 16) | g[7]!) >>> 0;
const zeros = (g: number[], from: number, to: number) => g.slice(from, to).every((x) => x === 0);

export function classifyIPv6(g: number[]): AddressClass {
  if (zeros(g, 0, 7) && g[7] === 1) return "loopback"; // ::1
  if (zeros(g, 0, 8)) return "private"; // :: unspecified
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and ::ffff:0:a.b.c.d (translated) reach the IPv4 address.
  if (zeros(g, 0, 5) && (g[5] === 0xffff || g[5] === 0)) return classifyIPv4(v4Of(g));
  if (zeros(g, 0, 4) && g[4] === 0xffff && g[5] === 0) return classifyIPv4(v4Of(g));
  // 6to4 (2002::/16) tunnels to the IPv4 address in groups 1 and 2.
  if (g[0] === 0x2002) return classifyIPv4(((g[1]! << 16) | g[2]!) >>> 0);
  // Only global unicast (2000::/3) is public: this refuses fc00::/7 unique-local, fe80::/10 link-local,
  // fec0::/10 site-local, ff00::/8 multicast, 64:ff9b::/96 and 64:ff9b:1::/48 NAT64, 100::/64 discard.
  if ((g[0]! & 0xe000) !== 0x2000) return "private";
  if (g[0] === 0x2001 && g[1]! < 0x200) return "private"; // 2001::/23 IETF: Teredo, benchmarking, ORCHID
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "private"; // documentation
  if (g[0] === 0x3fff && g[1]! < 0x1000) return "private"; // documentation 3fff::/20
  return "public";
}
