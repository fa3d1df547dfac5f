CREATE TYPE "public"."promotion_kind" AS ENUM('percent_off', 'amount_off', 'fixed_price', 'buy_x_get_y', 'bundle', 'spend_threshold', 'free_delivery');--> statement-breakpoint
CREATE TYPE "public"."promotion_stacking" AS ENUM('exclusive', 'stackable', 'best_for_customer');--> statement-breakpoint
CREATE TYPE "public"."promotion_status" AS ENUM('active', 'paused', 'ended');--> statement-breakpoint
CREATE TABLE "cart_promotion_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"cart_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_promotion_codes_cartId_unique" UNIQUE("cart_id")
);
--> statement-breakpoint
CREATE TABLE "promotion_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"promotion_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_codes_organizationId_code_unique" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "promotion_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"promotion_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_item_id" uuid,
	"customer_id" uuid NOT NULL,
	"code_id" uuid,
	"discount_cents" integer NOT NULL,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_redemptions_discount_positive" CHECK ("promotion_redemptions"."discount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" "promotion_kind" NOT NULL,
	"rule" jsonb NOT NULL,
	"target" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"audience" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "promotion_status" DEFAULT 'active' NOT NULL,
	"stacking" "promotion_stacking" DEFAULT 'stackable' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"requires_code" boolean DEFAULT false NOT NULL,
	"first_order_only" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"days_of_week" smallint[],
	"start_minute" smallint,
	"end_minute" smallint,
	"per_order_limit" integer,
	"per_customer_limit" integer,
	"total_limit" integer,
	"min_subtotal_cents" integer,
	"redemption_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "promotions_limits_positive" CHECK (coalesce("promotions"."per_order_limit", 1) > 0 and coalesce("promotions"."per_customer_limit", 1) > 0 and coalesce("promotions"."total_limit", 1) > 0 and coalesce("promotions"."min_subtotal_cents", 0) >= 0),
	CONSTRAINT "promotions_redemptions_within_limit" CHECK ("promotions"."redemption_count" >= 0 and ("promotions"."total_limit" is null or "promotions"."redemption_count" <= "promotions"."total_limit")),
	CONSTRAINT "promotions_minutes_of_day" CHECK (coalesce("promotions"."start_minute", 0) between 0 and 1440 and coalesce("promotions"."end_minute", 0) between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "discount_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_promotion_codes" ADD CONSTRAINT "cart_promotion_codes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_promotion_codes" ADD CONSTRAINT "cart_promotion_codes_cart_id_carts_id_fk" FOREIGN KEY ("cart_id") REFERENCES "public"."carts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_promotion_codes" ADD CONSTRAINT "cart_promotion_codes_code_id_promotion_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."promotion_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_codes" ADD CONSTRAINT "promotion_codes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_codes" ADD CONSTRAINT "promotion_codes_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_code_id_promotion_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."promotion_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cart_promotion_codes_organization_id_cart_id_index" ON "cart_promotion_codes" USING btree ("organization_id","cart_id");--> statement-breakpoint
CREATE INDEX "promotion_codes_organization_id_promotion_id_index" ON "promotion_codes" USING btree ("organization_id","promotion_id");--> statement-breakpoint
CREATE INDEX "promotion_redemptions_organization_id_order_id_index" ON "promotion_redemptions" USING btree ("organization_id","order_id");--> statement-breakpoint
CREATE INDEX "promotion_redemptions_organization_id_promotion_id_customer_id_index" ON "promotion_redemptions" USING btree ("organization_id","promotion_id","customer_id");--> statement-breakpoint
CREATE INDEX "promotions_organization_id_status_index" ON "promotions" USING btree ("organization_id","status");