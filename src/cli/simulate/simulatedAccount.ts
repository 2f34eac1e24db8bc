/** The region of every ARN the simulator makes up. */
export const SIM_REGION = 'us-east-1';

/** The account of every ARN the simulator makes up. */
export const SIM_ACCOUNT = '123456789012';

/**
 * The ARN of a simulated state machine.
 *
 * @example
 * simulatedStateMachineArn('Child'); // 'arn:aws:states:us-east-1:123456789012:stateMachine:Child'
 */
export function simulatedStateMachineArn(stateMachine: string): string {
  return `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:stateMachine:${stateMachine}`;
}

/**
 * The ARN of a simulated execution, as `$$.Execution.Id` gives it.
 *
 * @example
 * simulatedExecutionArn('Child', 'run-1'); // 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1'
 */
export function simulatedExecutionArn(stateMachine: string, name: string): string {
  return `arn:aws:states:${SIM_REGION}:${SIM_ACCOUNT}:execution:${stateMachine}:${name}`;
}

/** The execution role a state machine would have (`$$.Execution.RoleArn`). */
export function simulatedRoleArn(stateMachine: string): string {
  return `arn:aws:iam::${SIM_ACCOUNT}:role/service-role/StepFunctions-${stateMachine}-role`;
}
