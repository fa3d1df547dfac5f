import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { Notice } from "@cannasaas/ui/card";
import { toWire } from "~/components/deliveries/types";
import { dashboardSession } from "~/server/dashboard";
import { mapTiles } from "~/server/map-tiles";
import { serverApi } from "~/server/trpc";
import { TimeZoneProvider } from "~/components/time-zone";
import { DispatchBoard } from "./dispatch-board";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const board = await (await serverApi()).deliveries.board().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof board === "string") return <Notice tone="error">{board}</Notice>;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Deliveries</h1>
        <p className="text-sm text-stone-600">
          Orders out for delivery. Send an order out from the Orders queue, then assign a driver here.
        </p>
      </div>
      <TimeZoneProvider timeZone={active.timeZone}>
        <DispatchBoard initial={toWire(board)} tiles={mapTiles()} />
      </TimeZoneProvider>
    </div>
  );
}
