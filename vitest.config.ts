import { defineConfig } from 'vitest/config';

// Unit tests: beside the code in shared/, electron/, renderer/, server/. End-to-end tests live in e2e/
// and run from vitest.e2e.config.ts after the renderer is built.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,server,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
