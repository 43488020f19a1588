-- Which commissions (their ledger credits) each payout item covers, recorded when its batch is created.
-- Paying an item used to mark paid every approved commission of the affiliate whose lock ended before the
-- batch was made, including ones approved after it, whose credit the item never counted: they were then
-- clawed back on a refund though never paid (docs/payouts.md).
CREATE TABLE "payout_item_commissions" (
	"tenant_id" text NOT NULL,
	"item_id" text COLLATE "C" NOT NULL,
	"commission_id" text COLLATE "C" NOT NULL,
	"ledger_entry_id" text COLLATE "C" NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "payout_item_commissions_item_id_commission_id_pk" PRIMARY KEY("item_id","commission_id")
);
--> statement-breakpoint
ALTER TABLE "payout_item_commissions" ADD CONSTRAINT "payout_item_commissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_item_commissions" ADD CONSTRAINT "payout_item_commissions_item_id_payout_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."payout_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_item_commissions_commission_idx" ON "payout_item_commissions" USING btree ("tenant_id","commission_id");
--> statement-breakpoint
SELECT indica_protect_tenant_table('payout_item_commissions');--> statement-breakpoint
-- Items still open when this runs: the credits the batch could have counted, those already in the ledger
-- when the batch was made, of commissions whose lock had ended by then and that are still approved.
INSERT INTO payout_item_commissions (tenant_id, item_id, commission_id, ledger_entry_id, amount)
SELECT i.tenant_id, i.id, c.id, le.id, le.amount
FROM payout_items i
JOIN payout_batches pb ON pb.tenant_id = i.tenant_id AND pb.id = i.batch_id
JOIN ledger_entries le ON le.tenant_id = i.tenant_id AND le.affiliate_id = i.affiliate_id AND le.currency = i.currency
  AND le.kind = 'commission' AND le.created_at <= pb.created_at
JOIN commissions c ON c.tenant_id = le.tenant_id AND c.id = le.commission_id
WHERE i.status NOT IN ('paid', 'cancelled') AND pb.status <> 'cancelled'
  AND c.status = 'approved' AND c.lock_until <= pb.created_at
ON CONFLICT DO NOTHING;
