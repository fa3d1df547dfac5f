ALTER TABLE "customer_sales" ADD COLUMN "at_risk_from" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "customer_sales_organization_id_at_risk_from_index" ON "customer_sales" USING btree ("organization_id","at_risk_from");--> statement-breakpoint
-- Backfill: the date each repeat customer becomes "at risk" (same definition as the rollup).
UPDATE "customer_sales" SET "at_risk_from" = CASE WHEN "orders" >= 2 THEN to_timestamp(extract(epoch from "last_order_at") + 1.95::float8 * greatest(extract(epoch from ("last_order_at" - "first_order_at")) / ("orders" - 1), 86400)) END;
