-- Two pages that had no index of their own (docs/data-model.md, Indexes and why):
-- re-attribution (workers/ingest/src/routes/reattribute.ts) pages a tenant's pending commissions by conversion
-- id; the unique (tenant_id, conversion_id, affiliate_id) gave the order but read every commission of the
-- tenant past the cursor, whatever its status, to keep the pending ones. GET /v1/payout-methods pages a
-- tenant's methods by id; without one, a page sorted all the tenant's methods (the unique key leads with the
-- affiliate) or walked the primary key on id across every tenant.
CREATE INDEX "commissions_tenant_status_conversion_idx" ON "commissions" USING btree ("tenant_id","status","conversion_id");--> statement-breakpoint
CREATE INDEX "payout_methods_tenant_id_idx" ON "payout_methods" USING btree ("tenant_id","id");