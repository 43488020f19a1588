import { createApiApp } from "./app";
import { apiOperationsDocument, productDocument } from "./lib/product-document";

/** The OpenAPI 3.1 document the API serves at /openapi.json; docs/openapi.json is a committed copy of it. */
export const openApiDocument = () => productDocument(createApiApp());

/** The API host's own operations, without the tracking host's (whose bodies are not strict). */
export const apiOnlyDocument = () => apiOperationsDocument(createApiApp());
