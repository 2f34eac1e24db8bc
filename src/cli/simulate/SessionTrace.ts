import type { ExecutionRecord } from './ExecutionRecord.ts';
import { redactTokens } from './redactTokens.ts';
import type { SimEvent, SimEventInput } from './SimEvent.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** The execution an event is about. */
export type TraceOrigin = Pick<ExecutionRecord, 'level' | 'name' | 'stateMachine'>;

/** Records one event of `origin` in the trace. */
export type Emit = (origin: TraceOrigin, event: SimEventInput) => void;

/** What `createSessionTrace` needs. */
export interface SessionTraceDeps {
  readonly clock: VirtualClock;
  /** The tokens minted so far: every event is redacted with them before anyone sees it. */
  readonly tokens: ReadonlySet<string>;
  /** Receives every event as it happens (a streaming trace). */
  readonly onEvent: ((event: SimEvent) => void) | undefined;
  /** Runs once everyone has seen an event, with the event as emitted (the run limits count here). */
  readonly afterEmit: Emit;
}

/** The session's event log, in the order things happened. */
export interface SessionTrace {
  readonly events: readonly SimEvent[];
  readonly emit: Emit;
  /** Calls `watcher` with every later event, until the function returned is called. */
  watch(watcher: (event: SimEvent) => void): () => void;
}

/**
 * Creates the trace of a session: events are numbered, stamped with the virtual time, redacted,
 * and passed on to the watchers and the streaming callback. Each event counts as activity, so the
 * virtual clock waits for quiet again before it jumps.
 *
 * @example
 * const trace = createSessionTrace({ clock, tokens, onEvent: undefined, afterEmit: () => {} });
 * trace.emit(execution, { type: 'StateEntered', state: 'Pay', stateType: 'Task', input: {} });
 */
export function createSessionTrace(deps: SessionTraceDeps): SessionTrace {
  const { clock } = deps;
  const events: SimEvent[] = [];
  const watchers = new Set<(event: SimEvent) => void>();
  const emit: Emit = (origin, event) => {
    const entry = {
      seq: events.length + 1,
      level: origin.level,
      execution: origin.name,
      stateMachine: origin.stateMachine,
      at: clock.iso(),
      ...event,
    };
    const redacted = redactTokens(entry as SimEvent, deps.tokens);
    events.push(redacted);
    clock.touch();
    for (const watcher of watchers) watcher(redacted);
    deps.onEvent?.(redacted);
    deps.afterEmit(origin, event);
  };
  return {
    events,
    emit,
    watch(watcher) {
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
  };
}
