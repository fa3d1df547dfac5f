import "server-only";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

/** What every purchasing page needs: the API, whether the role may buy, and the locations. */
export async function purchasingContext() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const api = await serverApi();
  const { locations } = await api.organization.overview();
  return {
    api,
    canRead: can(active.role, "reports.read"),
    canBuy: can(active.role, "inventory.adjust"),
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
  };
}

/** A refusal the person can act on (their role, the plan, a wrong location) becomes its message. */
export function refusalMessage(error: unknown): string {
  if (error instanceof TRPCError && ["FORBIDDEN", "BAD_REQUEST", "NOT_FOUND"].includes(error.code)) {
    return error.message;
  }
  throw error;
}

export const param = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? "";

export const STATUS_LABELS = {
  draft: "Draft",
  sent: "Sent",
  partially_received: "Partly received",
  received: "Received",
  cancelled: "Cancelled",
} as const;
