import type { CloserInvoker } from './CloserInvoker.ts';
import { deliverToSafetyNet } from './deliverToSafetyNet.ts';
import { describeRecord } from './describeRecord.ts';
import type { ExecutionRecord } from './ExecutionRecord.ts';
import { safetyNetHears } from './parseStopConfig.ts';
import type { Emit } from './SessionTrace.ts';
import type { SimConfig } from './SimConfig.ts';
import type { SimSignal } from './SimulationResult.ts';
import { statusChangeEvent } from './statusChangeEvent.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** What `createSessionSafetyNet` needs. */
export interface SessionSafetyNetDeps {
  readonly config: Pick<SimConfig, 'safetyNet' | 'express'>;
  /** Whether the Closer's handler was unpacked: the safety net is the same zip. */
  readonly hasHandler: boolean;
  readonly clock: VirtualClock;
  readonly emit: Emit;
  /** Every execution of the session, to find the one a request describes. */
  readonly executions: readonly ExecutionRecord[];
  readonly closer: Pick<CloserInvoker, 'invokeSafetyNet' | 'noteCaller' | 'isRunning'>;
}

/** The simulated EventBridge rule and its Lambda target. */
export interface SessionSafetyNet {
  /** The safety net's invocation for each child whose end its rule matched (settles when done). */
  readonly deliveries: ReadonlyMap<ExecutionRecord, Promise<void>>;
  /**
   * A Standard child that ends FAILED, TIMED_OUT or ABORTED emits a status-change event; when the
   * simulated rule matches it, the built zip runs with the event, as the rule's Lambda target.
   */
  notify(record: ExecutionRecord): void;
  /** Who sent a request about `child` (its token's holder, or the execution it describes). */
  sourceOf(child: ExecutionRecord | undefined, executionArn?: string): SimSignal['source'];
}

/**
 * Creates the session's safety net. The simulator's own stops (a run limit, an interrupt) end the
 * run rather than a child, so they reach no safety net.
 *
 * @example
 * const safetyNet = createSessionSafetyNet({ config, hasHandler, clock, emit, executions, closer });
 * safetyNet.notify(endedChild);
 * await Promise.all(safetyNet.deliveries.values());
 */
export function createSessionSafetyNet(deps: SessionSafetyNetDeps): SessionSafetyNet {
  const { clock, emit, closer } = deps;
  const deliveries = new Map<ExecutionRecord, Promise<void>>();
  const safetyNetRunning = new Set<ExecutionRecord>();

  const hears = (record: ExecutionRecord): boolean => {
    const { end } = record;
    if (record.level === 0 || end === undefined || end.status === 'SUCCEEDED') return false;
    if (end.error === 'Simulator.RunLimit' || end.error === 'Simulator.Interrupted') return false;
    return deps.hasHandler && safetyNetHears(deps.config, record.stateMachine);
  };

  return {
    deliveries,
    notify(record) {
      if (!hears(record)) return;
      const ended = describeRecord(record, clock);
      if (!('end' in ended)) return;
      safetyNetRunning.add(record);
      const delivery = deliverToSafetyNet({
        event: statusChangeEvent(ended, clock.iso()),
        clock,
        invoke: closer.invokeSafetyNet,
        onInvoke: (requestId) => closer.noteCaller(requestId, record),
        emit: (event) => emit(record, event),
      })
        .catch((error: unknown) => {
          emit(record, {
            type: 'SafetyNetErrored',
            error: 'Simulator.InternalError',
            message: String(error),
          });
        })
        .finally(() => safetyNetRunning.delete(record));
      deliveries.set(record, delivery);
    },
    sourceOf(child, executionArn) {
      const subject = child ?? deps.executions.find((execution) => execution.arn === executionArn);
      if (subject === undefined) return 'other';
      // A Closer runs inside its child: once the child ended, only the safety net speaks for it.
      if (subject.end !== undefined && safetyNetRunning.has(subject)) return 'safety-net';
      return closer.isRunning(subject) ? 'closer' : 'other';
    },
  };
}
