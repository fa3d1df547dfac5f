import { z } from "zod";
import { can, STAFF_ROLES } from "@cannasaas/auth";
import {
  advanceDelivery,
  assignDriver,
  deliveryManifest,
  dispatchBoard,
  driverDeliveries,
  reportDriverPosition,
} from "@cannasaas/core";
import { apiEnv } from "../env";
import { createTRPCRouter, staffProcedure } from "../trpc";

/** Roles whose members may be given deliveries: those that can see their own. */
const DRIVER_ROLES = STAFF_ROLES.filter((role) => can(role, "deliveries.own"));

/** km/h; `DELIVERY_AVERAGE_SPEED_KMH` tunes ETAs to the city (30 by default). */
const averageSpeedKmh = () => apiEnv().DELIVERY_AVERAGE_SPEED_KMH;

const deliveryId = z.object({ deliveryId: z.uuid({ error: "Unknown delivery." }) });
const step = z.enum(["picked_up", "in_transit", "arriving", "delivered"], {
  error: "Choose the next step of the delivery.",
});

export const deliveriesRouter = createTRPCRouter({
  /** Deliveries waiting for a driver and under way, with who can drive; the live map polls this too. */
  board: staffProcedure("deliveries.dispatch").query(({ ctx }) =>
    dispatchBoard(ctx.deps, ctx.organizationId, DRIVER_ROLES),
  ),
  assign: staffProcedure("deliveries.dispatch")
    .input(
      z.object({
        orderId: z.uuid({ error: "Unknown order." }),
        driverUserId: z.string().trim().min(1, { error: "Choose a driver." }).max(100),
      }),
    )
    .mutation(({ ctx, input }) =>
      assignDriver(ctx.deps, ctx.organizationId, {
        ...input,
        driverRoles: DRIVER_ROLES,
        averageSpeedKmh: averageSpeedKmh(),
      }),
    ),
  /** The signed-in driver's own deliveries under way. */
  mine: staffProcedure("deliveries.own").query(({ ctx }) =>
    driverDeliveries(ctx.deps, ctx.organizationId, ctx.user.id),
  ),
  /** One step forward: drivers on their own deliveries, dispatchers on any. */
  advance: staffProcedure("deliveries.own")
    .input(deliveryId.extend({ to: step }))
    .mutation(({ ctx, input }) =>
      advanceDelivery(
        ctx.deps,
        ctx.organizationId,
        { userId: ctx.user.id, canDispatch: can(ctx.role, "deliveries.dispatch") },
        { ...input, averageSpeedKmh: averageSpeedKmh() },
      ),
    ),
  /** The assigned driver's device position while the delivery is active. */
  reportPosition: staffProcedure("deliveries.own")
    .input(
      deliveryId.extend({
        latitude: z.number({ error: "Latitude must be a number." }).min(-90).max(90),
        longitude: z.number({ error: "Longitude must be a number." }).min(-180).max(180),
        accuracyM: z.number().min(0).max(100_000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      reportDriverPosition(ctx.deps, ctx.organizationId, ctx.user.id, {
        ...input,
        averageSpeedKmh: averageSpeedKmh(),
      }),
    ),
  manifest: staffProcedure("deliveries.own")
    .input(deliveryId)
    .query(({ ctx, input }) =>
      deliveryManifest(
        ctx.deps,
        ctx.organizationId,
        { userId: ctx.user.id, canDispatch: can(ctx.role, "deliveries.dispatch") },
        input.deliveryId,
      ),
    ),
});
