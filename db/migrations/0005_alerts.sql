CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"affiliate_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"observed" integer NOT NULL,
	"baseline" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"delivery_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "alert_webhook_url" text;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_window_key" ON "alerts" USING btree ("tenant_id","kind","affiliate_id","window_start");--> statement-breakpoint
CREATE INDEX "alerts_undelivered_idx" ON "alerts" USING btree ("created_at") WHERE "alerts"."delivered_at" IS NULL;