import "server-only";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

/** What every inventory page needs: the caller's role, whether they may move stock, and the locations. */
export async function inventoryContext() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const api = await serverApi();
  const { organization, locations } = await api.organization.overview();
  return {
    api,
    role: active.role,
    canAdjust: can(active.role, "inventory.adjust"),
    canRead: can(active.role, "catalog.read"),
    organization,
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
  };
}

/** A FORBIDDEN answer becomes its message (shown in a notice); anything else is rethrown. */
export function forbiddenMessage(error: unknown): string {
  if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
  throw error;
}

/** One value of a search parameter (Next gives arrays for repeated keys). */
export const param = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? "";

export const pageNumber = (value: string | string[] | undefined) => {
  const n = Number(param(value));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
