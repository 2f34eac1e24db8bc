/** A pending wake-up on the virtual clock. */
export interface ClockTimer {
  /** Resolves when virtual time reaches the timer's instant; never if it is cancelled. */
  readonly fired: Promise<void>;
  cancel(): void;
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
}

/** Macrotask turns with no activity before the clock treats the simulation as idle. */
const IDLE_TURNS = 2;

/**
 * The simulation's one clock. Virtual time stands still while anything runs (a state, a Lambda
 * invocation, a local function) and jumps to the next timer once everything is waiting: a Wait
 * of a day, a retry pause or a Task's `TimeoutSeconds` takes no real time, and timers fire in the
 * order AWS would fire them.
 *
 * Work that happens outside this process's promise chains (the Closer's Lambda container, a user
 * function doing I/O) is wrapped in `hold`, so the clock does not jump while it runs.
 *
 * @example
 * const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
 * const timer = clock.after(3_600_000); // an hour of virtual time
 * await timer.fired; // a few milliseconds of real time
 */
export class VirtualClock {
  readonly #start: number;
  #now: number;
  #seq = 0;
  #busy = 0;
  #activity = 0;
  #seenActivity = -1;
  #idleTurns = 0;
  #scheduled = false;
  #pending: Pending[] = [];
  #stopped = false;

  constructor(start: number = Date.now()) {
    this.#start = start;
    this.#now = start;
  }

  /** Virtual milliseconds since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Virtual milliseconds since the clock started. */
  elapsed(): number {
    return this.#now - this.#start;
  }

  /** The virtual time as an ISO 8601 string, as Step Functions writes timestamps. */
  iso(): string {
    return new Date(this.#now).toISOString();
  }

  /** A timer that fires `ms` virtual milliseconds from now. */
  after(ms: number): ClockTimer {
    let fire: () => void = () => undefined;
    const fired = new Promise<void>((resolve) => {
      fire = resolve;
    });
    const entry: Pending = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fire };
    this.#pending.push(entry);
    this.touch();
    return {
      fired,
      cancel: () => {
        this.#pending = this.#pending.filter((pending) => pending !== entry);
      },
    };
  }

  /** Waits `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return this.after(ms).fired;
  }

  /** Runs real work during which virtual time must not move. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.#busy += 1;
    this.touch();
    try {
      return await work();
    } finally {
      this.#busy -= 1;
      this.touch();
    }
  }

  /** Records that something happened (an event, a signal): the clock waits for quiet again. */
  touch(): void {
    this.#activity += 1;
    this.#schedule();
  }

  /** The earliest pending timer's instant, if any. */
  nextAt(): number | undefined {
    return this.#pending.reduce<number | undefined>(
      (earliest, pending) =>
        earliest === undefined || pending.at < earliest ? pending.at : earliest,
      undefined,
    );
  }

  /** Stops advancing: pending timers never fire. */
  stop(): void {
    this.#stopped = true;
    this.#pending = [];
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped || this.#pending.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#check());
  }

  #check(): void {
    this.#scheduled = false;
    if (this.#busy > 0 || this.#stopped || this.#pending.length === 0) return;
    if (this.#activity !== this.#seenActivity) {
      this.#seenActivity = this.#activity;
      this.#idleTurns = 0;
    } else {
      this.#idleTurns += 1;
    }
    if (this.#idleTurns >= IDLE_TURNS) {
      this.#idleTurns = 0;
      this.#advance();
    }
    this.#schedule();
  }

  /** Jumps to the earliest timer and fires every timer due at that instant, in creation order. */
  #advance(): void {
    const at = this.nextAt();
    if (at === undefined) return;
    this.#now = Math.max(this.#now, at);
    const due = this.#pending.filter((pending) => pending.at <= this.#now);
    this.#pending = this.#pending.filter((pending) => pending.at > this.#now);
    due.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const pending of due) pending.fire();
    this.#activity += 1;
  }
}
