import { createApiApp } from "./app";

export default createApiApp();
