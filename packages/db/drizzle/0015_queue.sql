CREATE TYPE "public"."queue_job_state" AS ENUM('pending', 'running', 'done', 'dead');--> statement-breakpoint
CREATE TABLE "queue_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "queue_jobs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid,
	"queue" text NOT NULL,
	"key" text,
	"dedupe_key" text,
	"payload" jsonb NOT NULL,
	"state" "queue_job_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" uuid,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_jobs_queue_dedupeKey_unique" UNIQUE("queue","dedupe_key"),
	CONSTRAINT "queue_jobs_attempts" CHECK ("queue_jobs"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "queue_jobs" ADD CONSTRAINT "queue_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_jobs_organization_id_queue_state_created_at_index" ON "queue_jobs" USING btree ("organization_id","queue","state","created_at");--> statement-breakpoint
CREATE INDEX "queue_jobs_unfinished" ON "queue_jobs" USING btree ("queue","seq") WHERE "queue_jobs"."state" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "queue_jobs_unfinished_by_key" ON "queue_jobs" USING btree ("queue","key","seq") WHERE "queue_jobs"."state" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "queue_jobs_done" ON "queue_jobs" USING btree ("queue","finished_at") WHERE "queue_jobs"."state" = 'done';--> statement-breakpoint
-- Work already waiting when the queue arrives becomes queue jobs, oldest first, keeping its attempts and schedule.
INSERT INTO "queue_jobs" ("organization_id", "queue", "dedupe_key", "payload", "attempts", "run_at")
SELECT "organization_id", 'email', "id"::text, jsonb_build_object('outboxId', "id"), "attempts", "next_attempt_at"
FROM "outbox_messages" WHERE "channel" = 'email' AND "status" IN ('pending', 'failed') ORDER BY "created_at";--> statement-breakpoint
INSERT INTO "queue_jobs" ("organization_id", "queue", "dedupe_key", "payload", "attempts", "run_at")
SELECT "organization_id", 'webhook-events', "id"::text, jsonb_build_object('eventId', "id"), "attempts", "next_attempt_at"
FROM "outbox_messages" WHERE "channel" = 'webhook' AND "status" IN ('pending', 'failed') ORDER BY "created_at";--> statement-breakpoint
INSERT INTO "queue_jobs" ("organization_id", "queue", "dedupe_key", "payload", "attempts", "run_at")
SELECT "organization_id", 'webhooks', "id"::text, jsonb_build_object('deliveryId', "id"), "attempts", "next_attempt_at"
FROM "webhook_deliveries" WHERE "status" IN ('pending', 'failed') ORDER BY "created_at";--> statement-breakpoint
INSERT INTO "queue_jobs" ("organization_id", "queue", "key", "dedupe_key", "payload", "attempts", "run_at")
SELECT "organization_id", 'metrc', "location_id"::text, "id"::text, jsonb_build_object('itemId', "id"), "attempts", "next_attempt_at"
FROM "metrc_sync_items" WHERE "status" IN ('pending', 'failed', 'in_flight') ORDER BY "created_at", "id";--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP COLUMN "locked_until";--> statement-breakpoint
ALTER TABLE "metrc_sync_items" DROP COLUMN "lease_until";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "locked_until";