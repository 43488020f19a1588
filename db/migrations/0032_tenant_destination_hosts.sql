-- The deep-link allow-list's explicit part: hosts a merchant adds beyond those its campaigns, allowed origins,
-- cookie domain and verified domains name (docs/api.md, Links: where a link may send shoppers).
ALTER TABLE "tenants" ADD COLUMN "destination_hosts" text[] DEFAULT '{}' NOT NULL;