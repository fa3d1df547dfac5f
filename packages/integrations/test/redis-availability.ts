import { Redis as IORedis } from "ioredis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Resolves to null when Redis answers PING, or to the reason it could not be reached. */
export async function redisUnavailableReason(url = TEST_REDIS_URL): Promise<string | null> {
  const probe = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError: Error | undefined;
  probe.on("error", (error: Error) => (socketError ??= error));
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    const cause = socketError ?? (error instanceof Error ? error : new Error(String(error)));
    return `Redis not reachable at ${url} (${cause.message}); set TEST_REDIS_URL to run these tests`;
  } finally {
    probe.disconnect();
  }
}

/** Suite title that carries the skip reason, so it shows up in the test report. */
export function titleWithSkipReason(title: string, reason: string | null): string {
  return reason ? `${title} [skipped: ${reason}]` : title;
}
