CREATE TABLE "commission_reversals" (
	"commission_id" text NOT NULL,
	"refund_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commissions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"order_id" text NOT NULL,
	"affiliate_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"share_bp" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"held_for_review" boolean DEFAULT false NOT NULL,
	"rules_version" integer NOT NULL,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "attribution_model" jsonb DEFAULT '{"kind":"last_click"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "commission_rules" jsonb DEFAULT '{"version":1,"base":{"type":"percentage","bp":1000}}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "commission_reversals_key" ON "commission_reversals" USING btree ("commission_id","refund_id");--> statement-breakpoint
CREATE INDEX "commission_reversals_tenant_idx" ON "commission_reversals" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_order_affiliate_key" ON "commissions" USING btree ("tenant_id","conversion_id","affiliate_id");--> statement-breakpoint
CREATE INDEX "commissions_tenant_affiliate_idx" ON "commissions" USING btree ("tenant_id","affiliate_id","created_at");--> statement-breakpoint
CREATE INDEX "commissions_tenant_order_idx" ON "commissions" USING btree ("tenant_id","order_id");