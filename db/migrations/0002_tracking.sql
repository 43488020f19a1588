CREATE TABLE "conversions" (
	"id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"event_id" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"coupon" text,
	"click_id" text,
	"click_id_source" text,
	"visitor_id" text,
	"email_hash" text,
	"customer_id_hash" text,
	"identity_source" text,
	"matched_click_id" text,
	"matched_affiliate_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" char(2),
	"device_type" text,
	"is_bot" boolean DEFAULT false NOT NULL,
	"ip_hash" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
) PARTITION BY HASH ("tenant_id");
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"affiliate_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"tenant_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text,
	"url" text NOT NULL,
	"referrer_host" text,
	"visitor_id" text,
	"click_id" text,
	"click_id_source" text,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"email_hash" text,
	"customer_id_hash" text,
	"order_id" text,
	"consent" text NOT NULL,
	"country" char(2),
	"device_type" text,
	"browser" text,
	"os" text,
	"is_bot" boolean DEFAULT false NOT NULL,
	"ip_hash" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_id_occurred_at_pk" PRIMARY KEY("id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE TABLE "identities" (
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"value_hash" text NOT NULL,
	"visitor_id" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_tenant_id_kind_value_hash_visitor_id_pk" PRIMARY KEY("tenant_id","kind","value_hash","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"refund_key" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "consent_mode" text DEFAULT 'not_required' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "allowed_origins" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "click_cookie_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_tenant_order_key" ON "conversions" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "conversions_tenant_time_idx" ON "conversions" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_tenant_code_key" ON "coupons" USING btree ("tenant_id",upper("code"));--> statement-breakpoint
CREATE INDEX "events_tenant_time_idx" ON "events" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "events_tenant_visitor_idx" ON "events" USING btree ("tenant_id","visitor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "identities_visitor_idx" ON "identities" USING btree ("tenant_id","visitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_tenant_key" ON "refunds" USING btree ("tenant_id","refund_key");--> statement-breakpoint
CREATE INDEX "refunds_tenant_order_idx" ON "refunds" USING btree ("tenant_id","order_id");--> statement-breakpoint
-- Hand-written (drizzle-kit does not model partitions). conversions: 8 hash partitions by tenant, so the
-- unique order id per tenant can be enforced (a unique index must contain the partition key) and one
-- large merchant's rows are spread evenly. events: monthly ranges like clicks, plus a default partition.
DO $$ BEGIN
  FOR i IN 0..7 LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS conversions_h%s PARTITION OF conversions FOR VALUES WITH (MODULUS 8, REMAINDER %s)', i, i);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "events_default" PARTITION OF "events" DEFAULT;
--> statement-breakpoint
SELECT indica_ensure_monthly_partitions('events', ((now() AT TIME ZONE 'UTC') - interval '1 month')::date, 4);
