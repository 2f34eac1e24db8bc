import { type CloserChain, closerChain } from './closerChain.ts';
import type { Finding } from './Finding.ts';
import type { Definition, Machine, StateNode } from './parseDefinition.ts';
import { type PathsFromStart, pathsFromStart } from './pathsFromStart.ts';
import { statesThatReach } from './stateGraph.ts';

/** What every rule needs, computed once per check so that each rule stays linear. */
export interface CheckContext {
  readonly definition: Definition;
  readonly root: Machine;
  readonly closerName: string;
  readonly chain: CloserChain;
  /** Top-level states from which some path reaches the Closer chain (the chain included). */
  readonly reachesChain: ReadonlySet<string>;
  readonly paths: PathsFromStart;
  /** True for a top-level state in the Closer chain. */
  inChain(node: StateNode): boolean;
}

/** One rule: reads the context, returns its findings. */
export type Rule = (context: CheckContext) => Finding[];

/**
 * Builds the shared context for `checkDefinition`'s rules.
 *
 * @example
 * const context = createCheckContext(parseDefinition(json), 'Closer:Send');
 */
export function createCheckContext(definition: Definition, closerName: string): CheckContext {
  const root = definition.root;
  const chain = closerChain(root, closerName);
  const chainStates: ReadonlySet<string> = chain.kind === 'found' ? chain.states : new Set();
  return {
    definition,
    root,
    closerName,
    chain,
    reachesChain: statesThatReach(root, chainStates),
    paths: pathsFromStart(root),
    // Nested states share names with no top-level state (names are unique machine-wide), but a
    // path check keeps a branch state from ever counting as part of the chain.
    inChain: (node) => node.path === node.name && chainStates.has(node.name),
  };
}
