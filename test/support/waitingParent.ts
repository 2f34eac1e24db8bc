import type { JsonObject } from '../../src/cli/check/Json.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';

/**
 * A `.waitForTaskToken` parent, wrapped like any machine, that starts the state machine `Child`
 * with its link in the child's execution input (`meta.parent`) and keeps the child's output at
 * `$.child`. `timing` holds its `TimeoutSeconds`/`HeartbeatSeconds` (default 600 s, no heartbeat);
 * `pattern` turns it into a `.sync` or `.sync:2` parent that also passes its token.
 */
export function waitingParent(
  closerArn: string,
  timing: Readonly<Record<string, number>> = { TimeoutSeconds: 600 },
  pattern: 'waitForTaskToken' | 'sync' | 'sync:2' = 'waitForTaskToken',
): JsonObject {
  return wrapDefinition(
    {
      StartAt: 'RunChild',
      States: {
        RunChild: {
          Type: 'Task',
          Resource: `arn:aws:states:::states:startExecution.${pattern}`,
          Parameters: {
            StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child',
            Input: {
              meta: {
                parent: {
                  'name.$': '$$.Execution.Name',
                  'arn.$': '$$.Execution.Id',
                  'token.$': '$$.Task.Token',
                },
              },
              'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
            },
          },
          ...timing,
          ResultPath: '$.child',
          End: true,
        },
      },
    },
    { closerArn },
  );
}
