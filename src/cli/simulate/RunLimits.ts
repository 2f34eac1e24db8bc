import type { SimLimits } from './SimConfig.ts';

/** Which limit a run reached. */
export type LimitKind = 'time' | 'transitions';

/**
 * Counts a run's state transitions and names the states that loop, for the message that ends a
 * runaway run. On AWS nothing stops a loop but the execution's own timeout (a year at most for a
 * Standard workflow) or its history limit (25,000 events); a local run stops much earlier.
 *
 * @example
 * const limits = new RunLimits({ maxSeconds: 3600, maxTransitions: 100 });
 * if (limits.enter('Child/run-1', 'Pause')) stopEverything(limits.message('transitions'));
 */
export class RunLimits {
  readonly #limits: SimLimits;
  readonly #entries = new Map<string, number>();
  readonly #current = new Map<string, string>();
  #transitions = 0;

  constructor(limits: SimLimits) {
    this.#limits = limits;
  }

  get transitions(): number {
    return this.#transitions;
  }

  /** Records a state entered; true once the run made more transitions than allowed. */
  enter(execution: string, state: string): boolean {
    this.#transitions += 1;
    const key = `${execution} › ${state}`;
    this.#entries.set(key, (this.#entries.get(key) ?? 0) + 1);
    this.#current.set(execution, state);
    return this.#transitions > this.#limits.maxTransitions;
  }

  /** Forgets the state an execution is in, once it ended. */
  ended(execution: string): void {
    this.#current.delete(execution);
  }

  /** What the run reached, and which states loop (or wait) there. */
  message(kind: LimitKind): string {
    if (kind === 'transitions') {
      const top = [...this.#entries]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([key, count]) => `${key} (${count}×)`);
      return (
        `The run reached its limit of ${this.#limits.maxTransitions} state transitions ` +
        `(limits.maxTransitions, --max-transitions). The states entered most: ${top.join(', ')}.`
      );
    }
    const waiting = [...this.#current].map(([execution, state]) => `${execution} › ${state}`);
    return (
      `The run reached its limit of ${this.#limits.maxSeconds} s of virtual time ` +
      `(limits.maxSeconds, --max-seconds). Still running: ${waiting.join(', ') || 'nothing'}.`
    );
  }
}
