import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { requestInfo } from "./request";
import { serverApi } from "./trpc";

/**
 * The signed-in staff member, their organizations and the active one (null when the chosen organization is
 * no longer theirs). Layouts and pages render in parallel, so every dashboard page calls this before querying.
 */
export const dashboardSession = cache(async () => {
  const info = await requestInfo();
  if (!info.user) redirect("/dashboard/sign-in");
  const memberships = await (await serverApi()).organization.memberships();
  const active = memberships.find((m) => m.organizationId === info.activeOrganizationId) ?? null;
  return { user: info.user, memberships, active };
});
