-- Attribution (workers/ingest/src/services/create-commissions.ts): a shopper's touches are read from
-- clicks_tenant_visitor_idx alone (index-only scan: every column the touch query reads is in it), and the
-- first-order rule asks whether the customer's hashed email ordered before, by index.
DROP INDEX "clicks_tenant_visitor_idx";--> statement-breakpoint
CREATE INDEX "conversions_tenant_email_time_idx" ON "conversions" USING btree ("tenant_id","email_hash","occurred_at");--> statement-breakpoint
CREATE INDEX "clicks_tenant_visitor_idx" ON "clicks" USING btree ("tenant_id","visitor_id","clicked_at","campaign_id","affiliate_id","id","is_duplicate","review_status");