import "server-only";
import { headers } from "next/headers";
import { TRPCError } from "@trpc/server";
import { publicOriginFor } from "~/server/request";
import { serverApi } from "~/server/trpc";

/** The shopper's loyalty summary and referral link, or null when the store's plan has no rewards program. */
export async function loadLoyalty() {
  try {
    const summary = await (await serverApi()).loyalty.summary();
    if (!summary.enabled) return null;
    return { summary, referralUrl: `${publicOriginFor(await headers())}/r/${summary.referralCode}` };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  }
}
