import type { CheckContext } from './CheckContext.ts';
import { catcherDropsMeta, outputDropsMeta } from './dropsPayload.ts';
import type { StateNode } from './parseDefinition.ts';
import { normalSuccessors } from './stateFields.ts';
import { predecessorsOf, statesThatReach } from './stateGraph.ts';

/** A state that can drop the payload's `meta` on its way to the Closer Task, and why. */
export interface MetaDrop {
  readonly node: StateNode;
  /** E.g. `a Task without ResultPath replaces its input with its result`. */
  readonly reason: string;
}

/** Where `meta` can get lost between `StartAt` and the Closer Task. */
export interface MetaDrops {
  /**
   * Top-level states outside the Closer chain, on some path from `StartAt` to the Closer Task,
   * with an edge that drops `meta` and still leads to the Closer: their output on a normal
   * transition, or a catcher's. In definition order, one reason each.
   */
  readonly droppers: readonly MetaDrop[];
  /**
   * A dropper met on some path from the top-level state `name` (itself included) to the Closer
   * Task, through states outside the chain; undefined when every such path keeps `meta`.
   */
  ahead(name: string): MetaDrop | undefined;
}

const NONE: MetaDrops = { droppers: [], ahead: () => undefined };

/** Computed once per check: two rules read it. */
const cache = new WeakMap<CheckContext, MetaDrops>();

/**
 * Finds the states that can drop `meta` before the Closer Task, with `outputDropsMeta` and
 * `catcherDropsMeta`, and for every state the nearest such dropper ahead of it: a breadth-first
 * search over reversed edges from all droppers at once. O(states + edges). Nested machines are
 * not searched: a branch's output reaches the top level only through its Parallel or Map, whose
 * own fields decide what it outputs.
 *
 * @example
 * metaDrops(context).droppers.map((drop) => drop.node.name); // ['Work']
 */
export function metaDrops(context: CheckContext): MetaDrops {
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const computed = context.chain.kind === 'found' ? compute(context) : NONE;
  cache.set(context, computed);
  return computed;
}

function compute(context: CheckContext): MetaDrops {
  const { root, closerName, paths, inChain } = context;
  const reachesCloser = statesThatReach(root, [closerName]);
  const droppers: MetaDrop[] = [];
  for (const node of root.states.values()) {
    if (inChain(node) || !paths.has(node.name) || !reachesCloser.has(node.name)) continue;
    const reason = dropReason(node, reachesCloser);
    if (reason !== undefined) droppers.push({ node, reason });
  }
  const ahead = new Map<string, MetaDrop>();
  const queue: string[] = [];
  for (const drop of droppers) {
    ahead.set(drop.node.name, drop);
    queue.push(drop.node.name);
  }
  const predecessors = predecessorsOf(root);
  for (let index = 0; index < queue.length; index++) {
    const name = queue[index] as string;
    const drop = ahead.get(name) as MetaDrop;
    for (const before of predecessors.get(name) ?? []) {
      const node = root.states.get(before);
      if (node === undefined || inChain(node) || ahead.has(before)) continue;
      ahead.set(before, drop);
      queue.push(before);
    }
  }
  return { droppers, ahead: (name) => ahead.get(name) };
}

/** Why `node` drops `meta` on an edge that still leads to the Closer Task. */
function dropReason(node: StateNode, reachesCloser: ReadonlySet<string>): string | undefined {
  const output = outputDropsMeta(node);
  if (output !== undefined && normalSuccessors(node).some((next) => reachesCloser.has(next))) {
    return output;
  }
  for (const catcher of node.catchers) {
    if (!reachesCloser.has(catcher.next)) continue;
    const reason = catcherDropsMeta(node, catcher);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
