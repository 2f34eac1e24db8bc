/**
 * Errors of the local simulator. Like the handler's errors, each sets `name`: for
 * `SimulatedTaskError` the name is the Step Functions error that `Retry` and `Catch` match.
 */

/**
 * The simulation cannot start: a file is unreadable, a JSON document invalid, a child unknown,
 * an argument or a config entry bad. The CLI exits with code 2.
 */
export class SimulationInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulationInputError';
  }
}

/**
 * What a locally run Task "throws" into the ASL engine. The engine matches `name` against
 * `ErrorEquals` and puts `message` in the caught error's `Cause`, so `name` is the error and
 * `message` the cause that a state machine on AWS would see.
 */
export class SimulatedTaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}
