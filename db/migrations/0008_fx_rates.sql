CREATE TABLE "fx_rates" (
	"tenant_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"rate_micros" bigint NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "fx_rates_tenant_id_currency_as_of_pk" PRIMARY KEY("tenant_id","currency","as_of")
);
--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "fx_rate_micros" bigint;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "default_currency_amount" bigint;