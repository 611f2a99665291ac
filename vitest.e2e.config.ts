import { defineConfig } from 'vitest/config';

// End-to-end: the built extension in real Chromium against the demo back-office.
// One file at a time: the machine has two cores and each file runs its own browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
