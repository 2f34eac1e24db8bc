import { randomUUID } from 'node:crypto';
import { atMost } from './stepFunctionsJsonataArguments.ts';

/**
 * `$uuid()`, the JSONata form of `States.UUID`: a random version 4 UUID (AWS, Transforming data
 * with JSONata). It takes no argument; one fails with T0410, as measured on AWS.
 *
 * @example
 * uuid(); // 'ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8'
 */
export function uuid(...args: unknown[]): string {
  atMost('uuid', args, 0);
  return randomUUID();
}
