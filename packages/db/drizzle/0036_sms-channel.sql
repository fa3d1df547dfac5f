CREATE TYPE "public"."marketing_channel" AS ENUM('email', 'sms');--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "sms_from_number" text;--> statement-breakpoint
ALTER TABLE "marketing_automations" ADD COLUMN "channel" "marketing_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "channel" "marketing_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_organization_phone_idx" ON "customers" USING btree ("organization_id","phone");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_sms_from_number_key" ON "organizations" USING btree ("sms_from_number");