/** `npm run openapi`: writes docs/openapi.json from the API's route declarations. */
import { writeFileSync } from "node:fs";
import { productOpenApiDocument } from "./lib/openapi-document";

writeFileSync(new URL("../docs/openapi.json", import.meta.url), `${JSON.stringify(productOpenApiDocument(), null, 2)}\n`);
console.log("docs/openapi.json written");
