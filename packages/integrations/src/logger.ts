import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";
import { readLogLevel } from "./env";

export type Logger = PinoLogger;

const SECRET_KEYS = ["password", "passwordHash", "token", "authorization", "cookie", "secret", "apiKey"];

/** Top level plus two levels deep (e.g. `user.password`, `req.headers.authorization`). */
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  '*.headers["set-cookie"]',
];

/** Plain JSON to stdout (no transports/worker threads, which break inside Next.js bundles). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = readLogLevel(options.level);
  const config = { level, redact: { paths: REDACT_PATHS } };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export const logger: Logger = createLogger();

export function childLogger(bindings: Record<string, unknown>): Logger {
  return logger.child(bindings);
}
