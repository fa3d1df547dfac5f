ALTER TABLE "organizations" ADD COLUMN "payment_methods" text[] DEFAULT '{cash,debit}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "onboarding" jsonb;