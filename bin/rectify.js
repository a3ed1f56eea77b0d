#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx so that `npx rectify` and `npm start`
// need no build step on a fresh clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
