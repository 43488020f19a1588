CREATE TABLE "integration_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"name" text NOT NULL,
	"sealed_secret" text NOT NULL,
	"sealed_access_token" text,
	"external_account" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_deliveries" (
	"connection_id" text NOT NULL,
	"delivery_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"topic" text NOT NULL,
	"outcome" text NOT NULL,
	"replays" integer DEFAULT 0 NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_deliveries_connection_id_delivery_id_pk" PRIMARY KEY("connection_id","delivery_id")
);
--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"currency" text NOT NULL,
	"provider" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"minimum_amount" bigint NOT NULL,
	"total_amount" bigint NOT NULL,
	"item_count" integer NOT NULL,
	"created_by" text NOT NULL,
	"approved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payout_items" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"affiliate_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_reference" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_methods" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"affiliate_id" text NOT NULL,
	"kind" text NOT NULL,
	"sealed_details" text NOT NULL,
	"hint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integration_connections" ADD CONSTRAINT "integration_connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_deliveries" ADD CONSTRAINT "integration_deliveries_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD CONSTRAINT "payout_batches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_methods" ADD CONSTRAINT "payout_methods_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_connections_tenant_idx" ON "integration_connections" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "integration_deliveries_tenant_idx" ON "integration_deliveries" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "payout_batches_tenant_idx" ON "payout_batches" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_items_batch_affiliate_key" ON "payout_items" USING btree ("batch_id","affiliate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_items_idempotency_key" ON "payout_items" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payout_items_provider_ref_idx" ON "payout_items" USING btree ("provider_reference");--> statement-breakpoint
CREATE INDEX "payout_items_tenant_affiliate_idx" ON "payout_items" USING btree ("tenant_id","affiliate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_methods_affiliate_kind_key" ON "payout_methods" USING btree ("tenant_id","affiliate_id","kind");--> statement-breakpoint
-- Row-level security for every new tenant table (see 0013_row_level_security.sql).
SELECT indica_protect_tenant_table('integration_connections');--> statement-breakpoint
SELECT indica_protect_tenant_table('integration_deliveries');--> statement-breakpoint
SELECT indica_protect_tenant_table('payout_methods');--> statement-breakpoint
SELECT indica_protect_tenant_table('payout_batches');--> statement-breakpoint
SELECT indica_protect_tenant_table('payout_items');
