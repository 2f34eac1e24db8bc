import type { Json } from '../check/Json.ts';
import type { SignalRecord } from './callbackEndpoint.ts';
import type { ExecutionStatus, SimEvent, StartedBy } from './SimEvent.ts';

/** One execution of the simulation, once it ended. Task tokens are shown as fingerprints. */
export interface ExecutionResult {
  /** 0 for the parent, 1 for its children, 2 for grandchildren. */
  readonly level: number;
  readonly name: string;
  readonly stateMachine: string;
  /** `arn:aws:states:us-east-1:123456789012:execution:<StateMachine>:<name>`. */
  readonly arn: string;
  readonly startedBy?: StartedBy;
  readonly status: ExecutionStatus;
  /** On SUCCEEDED: the execution's output. */
  readonly output?: Json;
  /** Otherwise: the error and cause the execution ended with. */
  readonly error?: string;
  readonly cause?: string;
  /** What each Closer invocation of this execution returned (`$.meta.status`), in order. */
  readonly closer: readonly Json[];
}

/** A request the callback endpoint received, with the executions its token links. */
export interface SimSignal extends SignalRecord {
  /**
   * Who sent it, as far as the simulator can tell: the child's Closer (while a Closer invocation
   * of the child runs), the safety net (after the child ended, while the safety net runs for it),
   * or something else (a local function).
   */
  readonly source: 'closer' | 'safety-net' | 'other';
  /** The child execution whose input carried the token (the sender, as far as one can tell). */
  readonly child?: string;
  /** The execution whose Task waited on the token, and that Task. */
  readonly parent?: string;
  readonly parentState?: string;
}

/** What `simulate` returns. */
export interface SimulationResult {
  readonly parent: ExecutionResult;
  /** Every execution below the parent, in the order they started. */
  readonly children: readonly ExecutionResult[];
  /** Every request the callback endpoint received, in order. */
  readonly signals: readonly SimSignal[];
  /** The whole event log, in order, every execution's events interleaved as they happened. */
  readonly events: readonly SimEvent[];
  /**
   * Set when the run reached its virtual-time or state-transition limit (`limits` in the config):
   * every execution still running was stopped, and `message` names the states that looped.
   */
  readonly limit?: { readonly kind: 'time' | 'transitions'; readonly message: string };
  /** Set when the run was interrupted (the `signal` option, Ctrl-C): executions were stopped. */
  readonly interrupted?: true;
}
