import { migrateDatabase } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm start` migrates its own database; set DATABASE_URL to migrate another one.");
  process.exit(2);
}
await migrateDatabase(url);
console.log("migrations applied");
