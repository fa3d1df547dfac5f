import "server-only";

const HEARTBEAT_MS = 15_000;
const MAX_STREAM_MS = 10 * 60_000;

/** One Server-Sent Event. */
export const sseEvent = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A Server-Sent Events response: `first` at once, then `poll()` every `pollMs` until it answers `done`, the
 * client goes away or ten minutes pass (EventSource reconnects). `poll` returns the text to send (null when
 * nothing changed). Heartbeat comments keep proxies from closing an idle stream.
 */
export function eventStream(
  request: Request,
  options: {
    first: string;
    pollMs: number;
    poll: () => Promise<{ text: string | null; done: boolean }>;
    onError: (error: unknown) => void;
  },
) {
  const encoder = new TextEncoder();
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", close);
      send(`retry: 3000\n\n${options.first}`);
      void (async () => {
        const started = Date.now();
        let lastBeat = started;
        try {
          while (!closed && Date.now() - started < MAX_STREAM_MS) {
            await new Promise((resolve) => setTimeout(resolve, options.pollMs));
            if (closed) break;
            const { text, done } = await options.poll();
            if (text) send(text);
            if (done) break;
            if (Date.now() - lastBeat >= HEARTBEAT_MS) {
              send(": heartbeat\n\n");
              lastBeat = Date.now();
            }
          }
        } catch (error) {
          options.onError(error);
        } finally {
          close();
        }
      })();
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
