CREATE TYPE "public"."ai_feature" AS ENUM('assistant', 'product_copy');--> statement-breakpoint
CREATE TYPE "public"."copy_draft_status" AS ENUM('pending', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."copy_tone" AS ENUM('professional', 'casual', 'medical', 'luxury');--> statement-breakpoint
CREATE TABLE "ai_usage" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"feature" "ai_feature" NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_write_tokens" bigint DEFAULT 0 NOT NULL,
	"local_answers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ai_usage_organizationId_day_feature_unique" UNIQUE("organization_id","day","feature")
);
--> statement-breakpoint
CREATE TABLE "product_copy" (
	"organization_id" uuid NOT NULL,
	"product_id" uuid PRIMARY KEY NOT NULL,
	"tagline" text NOT NULL,
	"seo_title" text NOT NULL,
	"seo_description" text NOT NULL,
	"draft_id" uuid,
	"approved_by" text,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_copy_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"tone" "copy_tone" NOT NULL,
	"source" text NOT NULL,
	"model" text,
	"description" text NOT NULL,
	"tagline" text NOT NULL,
	"seo_title" text NOT NULL,
	"seo_description" text NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"base_description" text,
	"status" "copy_draft_status" DEFAULT 'pending' NOT NULL,
	"requested_by" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_copy_drafts_source" CHECK ("product_copy_drafts"."source" in ('claude', 'template'))
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text,
	"contact" text,
	"message" text NOT NULL,
	"transcript" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_status" CHECK ("support_requests"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy" ADD CONSTRAINT "product_copy_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy" ADD CONSTRAINT "product_copy_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy" ADD CONSTRAINT "product_copy_draft_id_product_copy_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."product_copy_drafts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy" ADD CONSTRAINT "product_copy_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy_drafts" ADD CONSTRAINT "product_copy_drafts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy_drafts" ADD CONSTRAINT "product_copy_drafts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy_drafts" ADD CONSTRAINT "product_copy_drafts_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_copy_drafts" ADD CONSTRAINT "product_copy_drafts_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_copy_organization_id_index" ON "product_copy" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "product_copy_drafts_organization_id_status_created_at_index" ON "product_copy_drafts" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "product_copy_drafts_organization_id_product_id_index" ON "product_copy_drafts" USING btree ("organization_id","product_id");--> statement-breakpoint
CREATE INDEX "support_requests_organization_id_status_created_at_index" ON "support_requests" USING btree ("organization_id","status","created_at");