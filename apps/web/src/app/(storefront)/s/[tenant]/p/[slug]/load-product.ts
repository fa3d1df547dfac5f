import "server-only";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { serverApi } from "~/server/trpc";

/** The host tenant's product, or null for anything the API does not show (unknown, archived, malformed). */
export const loadProduct = cache(async (slug: string) => {
  try {
    return await (await serverApi()).storefront.product({ slug: decodeURIComponent(slug) });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return null;
    throw error;
  }
});
