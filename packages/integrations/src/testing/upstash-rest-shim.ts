import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis as IORedis } from "ioredis";

export type UpstashRestShim = { url: string; close(): Promise<void> };
type Arg = string | number;
type Reply = { result: unknown } | { error: string };

class BadRequest extends Error {}

/**
 * Test stand-in for Upstash's REST API, forwarding to a real Redis:
 * `POST /` (one command), `POST /pipeline` and `POST /multi-exec` (arrays of commands).
 */
export async function startUpstashRestShim(opts: {
  redisUrl?: string;
  token: string;
}): Promise<UpstashRestShim> {
  const redis = new IORedis(opts.redisUrl ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  redis.on("error", () => {}); // connection failures surface as failed commands (HTTP 500)
  const handlers: Record<string, (body: unknown) => Promise<unknown[] | Reply>> = {
    "/": async (body) => ({ result: await redis.callBuffer(...toCommand(body)) }),
    "/pipeline": async (body) => {
      const batch = redis.pipeline();
      for (const command of toCommands(body)) batch.callBuffer(...command);
      return toReplies(await batch.exec());
    },
    "/multi-exec": async (body) => {
      const tx = redis.multi();
      for (const command of toCommands(body)) tx.callBuffer(...command);
      return toReplies(await tx.exec());
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(401, { error: "Unauthorized" });
    const handler = req.method === "POST" ? handlers[req.url ?? ""] : undefined;
    if (!handler) return send(404, { error: `Unsupported endpoint ${req.method} ${req.url}` });
    const base64 = req.headers["upstash-encoding"] === "base64";
    try {
      const outcome = await handler(parseJson(await readBody(req)));
      const encode = (reply: Reply) =>
        "result" in reply ? { result: encodeValue(reply.result, base64) } : reply;
      send(200, Array.isArray(outcome) ? (outcome as Reply[]).map(encode) : encode(outcome));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(error instanceof BadRequest || isRedisReplyError(error) ? 400 : 500, { error: message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}

function toCommand(value: unknown): [string, ...Arg[]] {
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((a) => ["string", "number", "boolean"].includes(typeof a));
  if (!valid) throw new BadRequest("ERR command must be a non-empty JSON array of strings/numbers");
  const [name, ...args] = (value as (string | number | boolean)[]).map(String);
  return [name as string, ...args];
}

function toCommands(value: unknown): [string, ...Arg[]][] {
  if (!Array.isArray(value) || value.length === 0)
    throw new BadRequest("ERR expected a non-empty array of commands");
  return value.map(toCommand);
}

function toReplies(results: [Error | null, unknown][] | null): Reply[] {
  if (!results) throw new Error("EXECABORT transaction discarded");
  return results.map(([error, result]) => (error ? { error: error.message } : { result }));
}

function isRedisReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === "ReplyError";
}

/** Upstash base64-encodes every string in a result (recursively), except a bare "OK" status. */
function encodeValue(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value) || typeof value === "string") {
    const text = value.toString();
    if (!base64 || text === "OK") return text;
    return Buffer.isBuffer(value) ? value.toString("base64") : Buffer.from(value).toString("base64");
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, base64));
  return value ?? null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest("ERR request body is not valid JSON");
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
