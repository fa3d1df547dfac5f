import { TRPCError } from "@trpc/server";
import { eventStream, sseEvent } from "~/server/sse";
import { serverApi } from "~/server/trpc";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

const POLL_MS = 2_000;
const HTTP_STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PRECONDITION_FAILED: 412,
};

/**
 * The dispatch board as Server-Sent Events, for the live map: the board at once, then again whenever it
 * changes. Every read goes through the `deliveries.board` procedure, so the signed-in staff member's
 * membership, `deliveries.dispatch` permission and plan are checked on each poll, not only at connect.
 */
export async function GET(request: Request) {
  const api = await serverApi();
  let board;
  try {
    board = await api.deliveries.board();
  } catch (error) {
    if (error instanceof TRPCError && HTTP_STATUS[error.code]) {
      return new Response(error.message, {
        status: HTTP_STATUS[error.code],
        headers: { "content-type": "text/plain" },
      });
    }
    throw error;
  }
  const deps = await getDeps();
  let last = JSON.stringify(board);
  return eventStream(request, {
    first: sseEvent("board", board),
    pollMs: POLL_MS,
    poll: async () => {
      const text = JSON.stringify(await api.deliveries.board());
      if (text === last) return { text: null, done: false };
      last = text;
      return { text: `event: board\ndata: ${text}\n\n`, done: false };
    },
    onError: (error) =>
      deps.log?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "dispatch events ended",
      ),
  });
}
