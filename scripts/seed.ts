/** `npm run db:seed`: the demo merchant (campaign, affiliate, link /demo, API key) in DATABASE_URL's database. */
import pg from "pg";
import { seedProgram } from "./lib/seed-program";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm start` seeds its own database; set DATABASE_URL to seed another one.");
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const demo = await seedProgram(client, { slug: "demo", name: "Loja Demo", linkDomain: process.env.DEFAULT_LINK_DOMAIN ?? "localhost", code: "demo" });
  console.log(JSON.stringify({ tenantId: demo.tenantId, campaignId: demo.campaignId, affiliateId: demo.affiliateId, link: `${demo.linkDomain}/${demo.code}`, apiKey: demo.apiKey }, null, 2));
  console.log("The API key is shown once: keep it.");
} finally {
  await client.end();
}
