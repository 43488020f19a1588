/** `npm run openapi`: writes docs/openapi.json from the API's route declarations. */
import { writeFileSync } from "node:fs";
import { openApiDocument } from "../workers/api/src/openapi-document";

writeFileSync(new URL("../docs/openapi.json", import.meta.url), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log("docs/openapi.json written");
