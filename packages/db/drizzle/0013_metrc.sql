CREATE TYPE "public"."metrc_discrepancy_kind" AS ENUM('missing_locally', 'missing_in_metrc', 'quantity_mismatch');--> statement-breakpoint
CREATE TYPE "public"."metrc_reconciliation_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."metrc_sync_kind" AS ENUM('receipt', 'void', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."metrc_sync_status" AS ENUM('pending', 'in_flight', 'sent', 'failed', 'dead', 'cancelled');--> statement-breakpoint
CREATE TABLE "metrc_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"sealed_user_key" text NOT NULL,
	"user_key_last_four" text NOT NULL,
	"license_number" text NOT NULL,
	"sandbox" boolean DEFAULT false NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"set_by_user_id" text,
	"last_verified_at" timestamp with time zone,
	"last_auth_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metrc_credentials_locationId_unique" UNIQUE("location_id")
);
--> statement-breakpoint
CREATE TABLE "metrc_discrepancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"reconciliation_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" "metrc_discrepancy_kind" NOT NULL,
	"package_label" text NOT NULL,
	"local_quantity" integer,
	"metrc_quantity" text,
	"metrc_unit" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrc_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" "metrc_reconciliation_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"packages_in_metrc" integer DEFAULT 0 NOT NULL,
	"lots_local" integer DEFAULT 0 NOT NULL,
	"discrepancy_count" integer DEFAULT 0 NOT NULL,
	"unsent_items" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrc_sync_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" "metrc_sync_kind" NOT NULL,
	"order_id" uuid,
	"external_number" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "metrc_sync_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"ambiguous" boolean DEFAULT false NOT NULL,
	"problem" text,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"metrc_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metrc_sync_items_locationId_kind_externalNumber_unique" UNIQUE("location_id","kind","external_number"),
	CONSTRAINT "metrc_sync_items_attempts" CHECK ("metrc_sync_items"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "metrc_credentials" ADD CONSTRAINT "metrc_credentials_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_credentials" ADD CONSTRAINT "metrc_credentials_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_credentials" ADD CONSTRAINT "metrc_credentials_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_discrepancies" ADD CONSTRAINT "metrc_discrepancies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_discrepancies" ADD CONSTRAINT "metrc_discrepancies_reconciliation_id_metrc_reconciliations_id_fk" FOREIGN KEY ("reconciliation_id") REFERENCES "public"."metrc_reconciliations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_discrepancies" ADD CONSTRAINT "metrc_discrepancies_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_reconciliations" ADD CONSTRAINT "metrc_reconciliations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_reconciliations" ADD CONSTRAINT "metrc_reconciliations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_sync_items" ADD CONSTRAINT "metrc_sync_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_sync_items" ADD CONSTRAINT "metrc_sync_items_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrc_sync_items" ADD CONSTRAINT "metrc_sync_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metrc_credentials_organization_id_index" ON "metrc_credentials" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "metrc_discrepancies_organization_id_reconciliation_id_index" ON "metrc_discrepancies" USING btree ("organization_id","reconciliation_id");--> statement-breakpoint
CREATE INDEX "metrc_reconciliations_organization_id_location_id_started_at_index" ON "metrc_reconciliations" USING btree ("organization_id","location_id","started_at");--> statement-breakpoint
CREATE INDEX "metrc_sync_items_organization_id_status_created_at_index" ON "metrc_sync_items" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "metrc_sync_items_status_next_attempt_at_index" ON "metrc_sync_items" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "metrc_sync_items_order_id_index" ON "metrc_sync_items" USING btree ("order_id");