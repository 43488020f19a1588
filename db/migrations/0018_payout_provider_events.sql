CREATE TABLE "payout_provider_events" (
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"item_id" text NOT NULL,
	"outcome" text NOT NULL,
	"replays" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_provider_events_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
ALTER TABLE "payout_provider_events" ADD CONSTRAINT "payout_provider_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_provider_events_tenant_idx" ON "payout_provider_events" USING btree ("tenant_id","received_at");--> statement-breakpoint
SELECT indica_protect_tenant_table('payout_provider_events');