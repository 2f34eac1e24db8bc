import type { Json } from '../check/Json.ts';
import type { ExecutionEnd } from './runExecution.ts';
import type { StartedBy } from './SimEvent.ts';

/** One execution, while it runs and after. */
export interface ExecutionRecord {
  readonly level: number;
  readonly name: string;
  readonly stateMachine: string;
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly input: Json;
  /** Virtual epoch milliseconds. */
  readonly startedAt: number;
  readonly startedBy?: StartedBy;
  /** Set when the execution ends. */
  end?: ExecutionEnd;
  stoppedAt?: number;
  readonly closer: Json[];
  readonly done: Promise<void>;
  /** Ends the execution if it still runs (a stop, or a limit of the run). */
  stop(end: Exclude<ExecutionEnd, { status: 'SUCCEEDED' }>): void;
}
