CREATE TYPE "public"."marketing_automation_kind" AS ENUM('abandoned_cart', 'welcome', 'win_back', 'birthday', 'review_request');--> statement-breakpoint
CREATE TABLE "marketing_automations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "marketing_automation_kind" NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"coupon_code" text,
	"wait_minutes" integer NOT NULL,
	"storefront_origin" text,
	"tracking_base_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marketing_automations_organizationId_kind_unique" UNIQUE("organization_id","kind"),
	CONSTRAINT "marketing_automations_wait" CHECK ("marketing_automations"."wait_minutes" between 0 and 525600)
);
--> statement-breakpoint
ALTER TABLE "marketing_messages" ALTER COLUMN "campaign_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "marketing_messages" ADD COLUMN "automation_id" uuid;--> statement-breakpoint
ALTER TABLE "marketing_automations" ADD CONSTRAINT "marketing_automations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketing_automations_enabled_index" ON "marketing_automations" USING btree ("enabled");--> statement-breakpoint
ALTER TABLE "marketing_messages" ADD CONSTRAINT "marketing_messages_automation_id_marketing_automations_id_fk" FOREIGN KEY ("automation_id") REFERENCES "public"."marketing_automations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketing_messages_organization_id_automation_id_created_at_index" ON "marketing_messages" USING btree ("organization_id","automation_id","created_at");--> statement-breakpoint
ALTER TABLE "marketing_messages" ADD CONSTRAINT "marketing_messages_source" CHECK (num_nonnulls("marketing_messages"."campaign_id", "marketing_messages"."automation_id") = 1);