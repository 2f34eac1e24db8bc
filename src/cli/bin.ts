#!/usr/bin/env node
/** The `sub-step-closer` executable: runs `main` on the process's arguments. */
import { main } from './main.ts';

// process.exitCode (not process.exit) lets stdout drain before the process ends.
process.exitCode = await main(process.argv.slice(2));
