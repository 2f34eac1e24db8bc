import type { Machine } from './parseDefinition.ts';

/** Shortest paths from `StartAt`, kept as parent links so that describing one costs O(1). */
export interface PathsFromStart {
  /** Whether the state can be reached from `StartAt` at all. */
  has(name: string): boolean;
  /** The state through which the search first reached `name` (undefined for `StartAt`). */
  parent(name: string): string | undefined;
  /**
   * The path from `StartAt` to `name` as `A → B → C`. Long paths keep their first state and
   * their last few, so describing many states stays linear in their number.
   */
  describe(name: string): string;
}

/** How many states at the end of a long path are shown. */
const TAIL = 4;

/**
 * Breadth-first search from `StartAt` that remembers how each state was first reached.
 *
 * @example
 * pathsFromStart(root).describe('Done'); // 'Start → Work → Done'
 */
export function pathsFromStart(machine: Machine): PathsFromStart {
  const parent = new Map<string, string | undefined>();
  const depth = new Map<string, number>();
  if (machine.states.has(machine.startAt)) {
    parent.set(machine.startAt, undefined);
    depth.set(machine.startAt, 0);
  }
  const queue = [...parent.keys()];
  for (let index = 0; index < queue.length; index++) {
    const name = queue[index] as string;
    const node = machine.states.get(name);
    if (node === undefined) continue;
    for (const target of node.successors) {
      if (!parent.has(target) && machine.states.has(target)) {
        parent.set(target, name);
        depth.set(target, (depth.get(name) ?? 0) + 1);
        queue.push(target);
      }
    }
  }
  return {
    has: (name) => parent.has(name),
    parent: (name) => parent.get(name),
    describe: (name) => {
      const steps = depth.get(name);
      if (steps === undefined) return `${name} (not reachable from StartAt ${machine.startAt})`;
      const tail: string[] = [];
      let current: string | undefined = name;
      while (current !== undefined && tail.length < TAIL) {
        tail.unshift(current);
        current = parent.get(current);
      }
      if (current === undefined) return tail.join(' → ');
      const hidden = steps + 1 - TAIL - 1;
      const gap = hidden > 0 ? ` → … ${hidden} more …` : '';
      return `${machine.startAt}${gap} → ${tail.join(' → ')}`;
    },
  };
}
