import type { Machine, StateNode } from './parseDefinition.ts';

/**
 * Every state a state can move to: `Next`, a Choice's rules and `Default`, and each catcher's
 * `Next`. Nested machines are separate graphs: a branch can never move outside itself.
 *
 * @example
 * successors(root.states.get('Work')!); // ['Done', 'Closer:MarkFailed']
 */
export function successors(node: StateNode): readonly string[] {
  return node.successors;
}

/**
 * The states reachable from `roots` (roots included), by breadth-first search: O(states + edges).
 *
 * @example
 * reachableFrom(root, ['Closer:Send']).has('Closer:Success'); // true
 */
export function reachableFrom(machine: Machine, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const root of roots) {
    if (machine.states.has(root) && !seen.has(root)) {
      seen.add(root);
      queue.push(root);
    }
  }
  for (let index = 0; index < queue.length; index++) {
    const node = machine.states.get(queue[index] as string);
    if (node === undefined) continue;
    for (const target of successors(node)) {
      if (!seen.has(target) && machine.states.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
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
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const target of targets) {
    if (machine.states.has(target) && !seen.has(target)) {
      seen.add(target);
      queue.push(target);
    }
  }
  for (let index = 0; index < queue.length; index++) {
    for (const source of predecessors.get(queue[index] as string) ?? []) {
      if (!seen.has(source)) {
        seen.add(source);
        queue.push(source);
      }
    }
  }
  return seen;
}

/** Reversed edges, built once per machine (a check searches them more than once). */
const predecessorCache = new WeakMap<Machine, ReadonlyMap<string, readonly string[]>>();

function predecessorsOf(machine: Machine): ReadonlyMap<string, readonly string[]> {
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
