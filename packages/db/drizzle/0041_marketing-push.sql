ALTER TYPE "public"."marketing_channel" ADD VALUE 'push';--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "marketing_push_consent" boolean DEFAULT false NOT NULL;