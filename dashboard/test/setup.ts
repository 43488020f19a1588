import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";

// Without vitest globals, testing-library cannot register its own cleanup: unmount after every test.
afterEach(cleanup);
