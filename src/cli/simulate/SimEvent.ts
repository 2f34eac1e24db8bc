import type { Json } from '../check/Json.ts';
import type { SignalRecord } from './callbackEndpoint.ts';

/** Which execution an event belongs to: 0 is the parent, 1 its children, 2 grandchildren. */
export interface EventOrigin {
  /** Position in the whole simulation's event log, from 1. */
  readonly seq: number;
  readonly level: number;
  /** The execution's name (`$$.Execution.Name`). */
  readonly execution: string;
  /** The state machine's name: the parent's file name or the child's `--child` name. */
  readonly stateMachine: string;
  /** When it happened, on the simulation's virtual clock (ISO 8601). */
  readonly at: string;
}

/** How a finished execution ended. */
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * One entry of the simulation's event log: the engine's execution events (as aws-local-stepfunctions
 * names them) and the simulator's own (children, signals, the Closer's verdict, Lambda logs).
 * Task tokens in inputs and outputs are replaced by their fingerprints.
 */
export type SimEvent = EventOrigin &
  (
    | {
        readonly type: 'ExecutionStarted';
        readonly arn: string;
        readonly input: Json;
        readonly startedBy?: StartedBy;
      }
    | { readonly type: 'ExecutionSucceeded'; readonly output: Json }
    | { readonly type: 'ExecutionFailed'; readonly error: string; readonly cause: string }
    | { readonly type: 'ExecutionTimedOut' }
    /** A stop: `abort` in the config, a `.sync` parent that ended, or a limit of the run. */
    | { readonly type: 'ExecutionAborted'; readonly error?: string; readonly cause?: string }
    /** A waiting Task's TimeoutSeconds or HeartbeatSeconds passed: its token is closed. */
    | {
        readonly type: 'TaskTimedOut';
        readonly state: string;
        readonly error: 'States.Timeout' | 'States.HeartbeatTimeout';
        readonly cause: string;
      }
    /** The run reached its virtual-time or state-transition limit: every execution is stopped. */
    | {
        readonly type: 'RunLimitReached';
        readonly limit: 'time' | 'transitions';
        readonly message: string;
      }
    | {
        readonly type: 'StateEntered';
        readonly state: string;
        readonly stateType: string;
        readonly input: Json;
      }
    | {
        readonly type: 'StateExited';
        readonly state: string;
        readonly stateType: string;
        readonly output: Json;
      }
    | {
        readonly type: 'StateFailed';
        readonly state: string;
        readonly stateType: string;
        readonly error: string;
        readonly cause: string;
      }
    | {
        readonly type: 'StateRetried';
        readonly state: string;
        readonly stateType: string;
        readonly attempt: number;
      }
    | {
        readonly type: 'StateCaught';
        readonly state: string;
        readonly stateType: string;
        readonly next: string;
        readonly resultPath?: string;
      }
    | {
        readonly type: 'BranchStarted' | 'BranchSucceeded';
        readonly state: string;
        readonly index?: number;
      }
    | {
        readonly type: 'BranchFailed';
        readonly state: string;
        readonly index?: number;
        readonly error: string;
      }
    /**
     * A `startExecution` Task started a child and now waits: for its token (`waitForTaskToken`),
     * or for the token or the child's end (`sync`, `sync:2`).
     */
    | {
        readonly type: 'ChildStarted';
        readonly state: string;
        readonly child: {
          readonly execution: string;
          readonly stateMachine: string;
          readonly arn: string;
        };
        readonly pattern: 'request' | 'waitForTaskToken' | 'sync' | 'sync:2';
        /** The fingerprint of the token the child was given, if the Task passed one. */
        readonly token?: string;
        readonly timeoutSeconds?: number;
      }
    /** A `.sync` Task's child ended before any signal: the Task completes as AWS reports it. */
    | {
        readonly type: 'SyncChildEnded';
        readonly state: string;
        readonly childStatus: ExecutionStatus;
        /** On success: UTF-8 bytes of the Task's result (the DescribeExecution document). */
        readonly outputBytes?: number;
        /** Otherwise `States.TaskFailed`. */
        readonly error?: string;
      }
    /**
     * The safety net's EventBridge rule matched the child's status change: the built zip runs with
     * the event, as the rule's Lambda target would.
     */
    | {
        readonly type: 'SafetyNetInvoked';
        readonly status: ExecutionStatus;
        readonly inputIncluded: boolean;
      }
    /** What the safety net returned (its summary), or the error it threw. */
    | { readonly type: 'SafetyNetReturned'; readonly result: Json }
    | { readonly type: 'SafetyNetErrored'; readonly error: string; readonly message: string }
    /** A waiting Task's token was closed by a signal: the parent resumes. */
    | {
        readonly type: 'TaskResumed';
        readonly state: string;
        readonly signal: 'success';
        readonly outputBytes: number;
      }
    | {
        readonly type: 'TaskResumed';
        readonly state: string;
        readonly signal: 'failure';
        readonly error: string;
        readonly cause: string;
      }
    /** The child ended without closing the token: the Task waits for its timeout, as on AWS. */
    | {
        readonly type: 'TaskTokenAbandoned';
        readonly state: string;
        readonly error: string;
        readonly cause: string;
      }
    /** A request reached the callback endpoint; attributed to the child that held the token. */
    | ({
        readonly type: 'SignalReceived';
        /** Who sent it (see `SimSignal.source`). */
        readonly source: 'closer' | 'safety-net' | 'other';
      } & SignalRecord)
    /** A Task ran locally: the Closer container, a module, a fixed result or error. */
    | { readonly type: 'TaskInvoked'; readonly state: string; readonly target: string }
    /** The Closer handler returned its result (what `Closer:Send` writes to `$.meta.status`). */
    | { readonly type: 'CloserReturned'; readonly state: string; readonly result: Json }
    /** A local Task (the Closer or a function) threw: `error` is what Retry/Catch see. */
    | {
        readonly type: 'TaskErrored';
        readonly state: string;
        readonly error: string;
        readonly message: string;
      }
    /** A line the Closer Lambda logged. */
    | { readonly type: 'LambdaLog'; readonly line: string }
  );

/** Which execution and Task started a child. */
export interface StartedBy {
  readonly execution: string;
  readonly stateMachine: string;
  readonly state: string;
}

/** Distributes `Omit` over the union, so each event kind keeps its own fields. */
export type SimEventInput = SimEvent extends infer Event
  ? Event extends SimEvent
    ? Omit<Event, keyof EventOrigin>
    : never
  : never;
