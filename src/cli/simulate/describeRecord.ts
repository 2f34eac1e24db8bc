import type { ExecutionRecord } from './ExecutionRecord.ts';
import type { EndedChild } from './syncTaskResult.ts';
import type { VirtualClock } from './VirtualClock.ts';

/**
 * An execution as DescribeExecution and the status-change event describe it: with its end and
 * stop date once it has ended.
 *
 * @example
 * const described = describeRecord(child, clock);
 * if ('end' in described) statusChangeEvent(described, clock.iso());
 */
export function describeRecord(
  record: ExecutionRecord,
  clock: Pick<VirtualClock, 'now'>,
): EndedChild | Omit<EndedChild, 'end' | 'stopDate'> {
  const base = {
    executionArn: record.arn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    input: record.input,
    startDate: record.startedAt,
  };
  return record.end === undefined
    ? base
    : { ...base, end: record.end, stopDate: record.stoppedAt ?? clock.now() };
}
