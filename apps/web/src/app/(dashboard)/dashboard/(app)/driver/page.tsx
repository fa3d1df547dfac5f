import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { TimeZoneProvider } from "~/components/time-zone";
import { DriverDeliveries } from "./driver-deliveries";

export const metadata: Metadata = { title: "My deliveries" };

export default async function DriverPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const mine = await (await serverApi()).deliveries.mine().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof mine === "string") return <Notice tone="error">{mine}</Notice>;
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4">
      <h1 className="text-2xl font-bold">My deliveries</h1>
      <TimeZoneProvider timeZone={active.timeZone}>
        <DriverDeliveries initial={mine} />
      </TimeZoneProvider>
    </div>
  );
}
