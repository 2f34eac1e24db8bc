// asl-validator 4's missing-transition-target check gathers state names with repeated
// Array.concat and compares every name with every transition through Array.indexOf: both are
// quadratic, and were 90% of `check` on 5,000 states. This plugin swaps in the same check (same
// messages, same order) built on Sets, for the CLI bundle only.
import { readFile } from 'node:fs/promises';
import { rewritePublished } from './rewritePublished.mjs';

const TARGET =
  /asl-validator[\\/]dist[\\/]src[\\/]checks[\\/]missing-transition-target-errors\.js$/;

/** [quadratic code as published, linear replacement]. */
const REWRITES = [
  [
    'machineStates = machineStates.concat(Object.keys(s));',
    'Object.keys(s).forEach(function (name) { machineStates.push(name); });',
  ],
  [
    '.filter(function (path, pos, array) { return array.indexOf(path) === pos; });',
    '; reachableStates = Array.from(new Set(reachableStates)); var reachableSet = new Set(reachableStates); var machineSet = new Set(machineStates);',
  ],
  [
    '.filter(function (state) { return reachableStates.indexOf(state) === -1; })',
    '.filter(function (state) { return !reachableSet.has(state); })',
  ],
  [
    '.filter(function (state) { return machineStates.indexOf(state) === -1; })',
    '.filter(function (state) { return !machineSet.has(state); })',
  ],
];

export const linearAslTransitionsPlugin = {
  name: 'linear-asl-transitions',
  setup(build) {
    build.onLoad({ filter: TARGET }, async (args) => {
      // Fails the build rather than silently ship the slow check if asl-validator changes.
      const source = await readFile(args.path, 'utf8');
      const contents = rewritePublished('linear-asl-transitions', args.path, source, REWRITES);
      return { contents, loader: 'js' };
    });
  },
};
