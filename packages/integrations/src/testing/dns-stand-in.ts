import { createSocket, type RemoteInfo } from "node:dgram";
import type { AddressInfo } from "node:net";
import * as packet from "dns-packet";

/** What the stand-in answers for one name; `servfail` and `silent` imitate a broken or unreachable server. */
export type StandInZone = Record<
  string,
  { txt?: string[]; cname?: string; servfail?: boolean; silent?: boolean }
>;

/**
 * A small authoritative DNS server on loopback UDP, answering as RFC 1035 servers do: records when present,
 * NXDOMAIN for unknown names, NOERROR with no answers for a name without that record type, SERVFAIL or
 * silence when told to. Tests point the real node:dns adapter at it.
 */
export async function startDnsStandIn(zone: StandInZone) {
  const socket = createSocket("udp4");
  const queries: string[] = [];
  socket.on("message", (message: Buffer, from: RemoteInfo) => {
    const query = packet.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(`${question.type} ${name}`);
    const entry = zone[name];
    if (entry?.silent) return;
    const answers: packet.Answer[] = [];
    if (entry && question.type === "TXT")
      for (const value of entry.txt ?? []) answers.push({ type: "TXT", name, ttl: 60, data: value });
    if (entry?.cname && question.type === "CNAME")
      answers.push({ type: "CNAME", name, ttl: 60, data: entry.cname });
    const rcode = entry?.servfail ? "SERVFAIL" : entry ? "NOERROR" : "NXDOMAIN";
    const reply = packet.encode({
      id: query.id,
      type: "response",
      flags: packet.AUTHORITATIVE_ANSWER | packet.RECURSION_DESIRED | rcodeFlag(rcode),
      questions: query.questions,
      answers: entry?.servfail ? [] : answers,
    });
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port }: AddressInfo = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** dns-packet takes the response code in the low four bits of the flags. */
function rcodeFlag(rcode: "NOERROR" | "SERVFAIL" | "NXDOMAIN") {
  return { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 }[rcode];
}
