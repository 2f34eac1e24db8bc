import type { Machine } from './parseDefinition.ts';

/**
 * The states reachable from `roots` (roots included), following each state's `successors`
 * (nested machines are separate graphs: a branch never moves outside itself), by breadth-first
 * search: O(states + edges).
 *
 * @example
 * reachableFrom(root, ['Closer:Send']).has('Closer:Success'); // true
 */
export function reachableFrom(machine: Machine, roots: Iterable<string>): Set<string> {
  return breadthFirst(machine, roots, (name) => machine.states.get(name)?.successors ?? []);
}

/**
 * The states from which some path reaches one of `targets` (targets included): a breadth-first
 * search over reversed edges, O(states + edges).
 *
 * @example
 * statesThatReach(root, chain).has('Work'); // true when Work can get to the Closer
 */
export function statesThatReach(machine: Machine, targets: Iterable<string>): Set<string> {
  const predecessors = predecessorsOf(machine);
  return breadthFirst(machine, targets, (name) => predecessors.get(name) ?? []);
}

/** Every state of `machine` reached from `starts` by following `neighbours`, starts included. */
function breadthFirst(
  machine: Machine,
  starts: Iterable<string>,
  neighbours: (name: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (name: string) => {
    if (!seen.has(name) && machine.states.has(name)) {
      seen.add(name);
      queue.push(name);
    }
  };
  for (const start of starts) visit(start);
  for (let index = 0; index < queue.length; index++) {
    for (const next of neighbours(queue[index] as string)) visit(next);
  }
  return seen;
}

/** Reversed edges, built once per machine (a check searches them more than once). */
const predecessorCache = new WeakMap<Machine, ReadonlyMap<string, readonly string[]>>();

/**
 * For each state of `machine`, the states with an edge to it (any of their `successors`), built
 * once per machine: O(states + edges).
 *
 * @example
 * predecessorsOf(root).get('Closer:Send'); // ['Work', 'Closer:MarkFailed']
 */
export function predecessorsOf(machine: Machine): ReadonlyMap<string, readonly string[]> {
  const cached = predecessorCache.get(machine);
  if (cached !== undefined) return cached;
  const predecessors = new Map<string, string[]>();
  for (const node of machine.states.values()) {
    for (const target of node.successors) {
      const list = predecessors.get(target);
      if (list === undefined) predecessors.set(target, [node.name]);
      else list.push(node.name);
    }
  }
  predecessorCache.set(machine, predecessors);
  return predecessors;
}
