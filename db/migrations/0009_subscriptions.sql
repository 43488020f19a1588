ALTER TABLE "conversions" ADD COLUMN "subscription_id" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "renewal" integer;--> statement-breakpoint
CREATE INDEX "conversions_subscription_idx" ON "conversions" USING btree ("tenant_id","subscription_id");