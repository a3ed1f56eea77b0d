import path from 'node:path';
import { build } from 'vite';

/** The browser tests run against freshly built pages, as `npm start` serves them. */
export default async function setup() {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
}
