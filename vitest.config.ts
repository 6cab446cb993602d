import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Browser tests start Chromium: leave room for a slow start on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
