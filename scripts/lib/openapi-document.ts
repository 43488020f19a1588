/** The product's one OpenAPI document: the one the API Worker serves (workers/api/src/lib/product-document.ts). */
export { openApiDocument as productOpenApiDocument } from "../../workers/api/src/openapi-document";
