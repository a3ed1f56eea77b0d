import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webDir: string;
  }
}

/**
 * The browser tests run against pages freshly built into a folder of this run's own, so a build made meanwhile by
 * `npm start` or another test run cannot swap the files under a running server.
 */
export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  const outDir = mkdtempSync(path.join(tmpdir(), 'rectify-web-'));
  await build({
    configFile: path.resolve(import.meta.dirname, '../vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('webDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
