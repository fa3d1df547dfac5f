CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'assigned', 'picked_up', 'in_transit', 'arriving', 'delivered');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"driver_user_id" text,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"assigned_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"in_transit_at" timestamp with time zone,
	"arriving_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"destination_latitude" double precision,
	"destination_longitude" double precision,
	"last_latitude" double precision,
	"last_longitude" double precision,
	"last_accuracy_m" integer,
	"last_position_at" timestamp with time zone,
	"remaining_meters" integer,
	"eta_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_orderId_unique" UNIQUE("order_id"),
	CONSTRAINT "deliveries_driver_when_assigned" CHECK ("deliveries"."status" = 'pending' or "deliveries"."driver_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "delivery_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"accuracy_m" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_driver_user_id_users_id_fk" FOREIGN KEY ("driver_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_positions" ADD CONSTRAINT "delivery_positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_positions" ADD CONSTRAINT "delivery_positions_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_organization_id_status_index" ON "deliveries" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "deliveries_organization_id_driver_user_id_status_index" ON "deliveries" USING btree ("organization_id","driver_user_id","status");--> statement-breakpoint
CREATE INDEX "delivery_positions_organization_id_delivery_id_recorded_at_index" ON "delivery_positions" USING btree ("organization_id","delivery_id","recorded_at");