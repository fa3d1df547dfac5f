CREATE TABLE "shopper_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"step" text NOT NULL,
	"channel" text NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shopper_notifications_orderId_step_channel_unique" UNIQUE("order_id","step","channel")
);
--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "pickup_lead_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "delivery_lead_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "slot_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "slot_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shopper_notifications" ADD CONSTRAINT "shopper_notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopper_notifications" ADD CONSTRAINT "shopper_notifications_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopper_notifications" ADD CONSTRAINT "shopper_notifications_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shopper_notifications_organization_id_created_at_index" ON "shopper_notifications" USING btree ("organization_id","created_at");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_lead_minutes_range" CHECK ("locations"."pickup_lead_minutes" between 0 and 1440 and "locations"."delivery_lead_minutes" between 0 and 1440);