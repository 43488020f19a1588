/**
 * `npm run openapi`: writes docs/openapi.json from the API's route declarations, and the typed client's
 * types (sdk/schema.generated.ts) from that document.
 */
import { writeFileSync } from "node:fs";
import { productOpenApiDocument } from "./lib/openapi-document";
import { clientTypesFor } from "./lib/client-types";

const doc = productOpenApiDocument();
writeFileSync(new URL("../docs/openapi.json", import.meta.url), `${JSON.stringify(doc, null, 2)}\n`);
writeFileSync(new URL("../sdk/schema.generated.ts", import.meta.url), await clientTypesFor(doc));
console.log("docs/openapi.json and sdk/schema.generated.ts written");
