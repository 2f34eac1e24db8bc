import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

type ErrorClass = new () => Error;

let probed: Promise<ErrorClass> | undefined;

/**
 * The engine's own `States.Timeout` error class, which it does not export. The engine lets
 * `States.TaskFailed` match every Task error except an instance of that class, as Step Functions
 * does ("States.TaskFailed ... matches any known error name except for States.Timeout", Amazon
 * States Language, Error names); a timeout the simulator raises on its virtual clock must be one
 * so that Retry and Catch treat it the same. A one-millisecond Task timeout reveals the class once.
 *
 * @example
 * throw await engineTimeoutError('The Task ran longer than its TimeoutSeconds (60 s).');
 */
export async function engineTimeoutError(cause: string): Promise<Error> {
  probed ??= probe();
  const TimeoutError = await probed;
  const error = new TimeoutError();
  error.message = cause;
  return error;
}

async function probe(): Promise<ErrorClass> {
  const definition = {
    StartAt: 'Probe',
    States: { Probe: { Type: 'Task', Resource: 'probe', TimeoutSeconds: 0.001, End: true } },
  };
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  let release: () => void = () => undefined;
  const pending = new Promise<null>((resolve) => {
    release = () => resolve(null);
  });
  try {
    await machine.run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => pending } } })
      .result;
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.name === 'States.Timeout')
      return cause.constructor as ErrorClass;
  } finally {
    release();
  }
  throw new TypeError('The ASL engine did not report a States.Timeout error.');
}
