ALTER TYPE "public"."loyalty_entry_source" ADD VALUE 'expiry';--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD COLUMN "points_expire_months" integer;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_expiry_range" CHECK ("loyalty_programs"."points_expire_months" is null or "loyalty_programs"."points_expire_months" between 1 and 120);