/** AWS limits a state name to 80 characters. */
const MAX_NAME_LENGTH = 80;

/**
 * The state names in use across a whole definition (Step Functions wants them unique machine-wide,
 * nested machines included), and a way to claim new ones.
 */
export class StateNames {
  readonly #taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.#taken = new Set(taken);
  }

  /** Whether `name` is in use. */
  has(name: string): boolean {
    return this.#taken.has(name);
  }

  /** Records `name` as in use, as it is. */
  reserve(name: string): void {
    this.#taken.add(name);
  }

  /**
   * Claims `base`, or `base 2`, `base 3`, ... when it is taken, cut to the 80-character limit.
   *
   * @example
   * new StateNames(['Done:Cause']).claim('Done:Cause'); // 'Done:Cause 2'
   */
  claim(base: string): string {
    for (let attempt = 1; ; attempt++) {
      const suffix = attempt === 1 ? '' : ` ${attempt}`;
      const name = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
      if (!this.#taken.has(name)) {
        this.#taken.add(name);
        return name;
      }
    }
  }
}
