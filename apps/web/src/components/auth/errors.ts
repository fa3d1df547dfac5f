import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@cannasaas/api";

/** The server's message and per-field errors from a failed tRPC call. */
export function describeError(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof TRPCClientError) {
    const e = error as TRPCClientError<AppRouter>;
    const fields = { ...(e.data?.fieldErrors ?? {}) } as Record<string, string>;
    const field = e.data?.details?.field;
    if (typeof field === "string") fields[field] = e.message;
    return { message: e.message, fields };
  }
  return { message: "We could not reach the server. Check your connection and try again.", fields: {} };
}
