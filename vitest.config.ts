import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          // Fast domain tests first; the integration group starts workerd and Postgres.
          sequence: { groupOrder: 0 },
          include: ["core/**/*.test.ts", "durable-objects/**/*.test.ts", "workers/**/*.test.ts", "scripts/**/*.test.ts", "tracker/**/*.test.ts", "sim/**/*.test.ts", "bench/**/*.test.ts"],
        },
      },
      {
        // Dashboard components in a simulated DOM (happy-dom), compiled by the same Solid plugin as the app.
        plugins: [solid()],
        test: {
          name: "dashboard",
          environment: "happy-dom",
          sequence: { groupOrder: 0 },
          include: ["dashboard/**/*.test.{ts,tsx}"],
          setupFiles: ["dashboard/test/setup.ts"],
          // The router ships JSX source; Vite must compile it rather than Node import it.
          server: { deps: { inline: ["@solidjs/router"] } },
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          sequence: { groupOrder: 1 },
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          // Two cores: each file runs its own workerd, so two at a time keep the machine responsive.
          maxWorkers: 2,
        },
      },
    ],
  },
});
