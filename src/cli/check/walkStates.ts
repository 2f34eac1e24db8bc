import type { Machine, StateNode } from './parseDefinition.ts';

/** A state and where it sits. */
export interface PlacedState {
  readonly node: StateNode;
  /** True inside a Parallel branch or a Map item processor, at any depth. */
  readonly nested: boolean;
}

/**
 * Every state of a machine and of its nested machines, parents before their children, in
 * definition order.
 *
 * @example
 * for (const { node, nested } of walkStates(root)) console.log(node.path, nested);
 */
export function* walkStates(machine: Machine, nested = false): Generator<PlacedState> {
  for (const node of machine.states.values()) {
    yield { node, nested };
    for (const child of node.children) yield* walkStates(child.machine, true);
  }
}
