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

/** A `SimulationInputError` for an entry of the simulation config that is not valid. */
export function invalidSimConfig(message: string): SimulationInputError {
  return new SimulationInputError(`Invalid simulation config: ${message}.`);
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

/**
 * A JSONata function of the Step Functions dialect refused its arguments. jsonata-js treats it
 * as its own error: it adds the position, and re-renders `message` from `code`, `index` and
 * `token` with the same template, so the text stays the one built here.
 */
export class JsonataFunctionError extends Error {
  readonly code: string;
  readonly index?: number;
  readonly token?: string;

  constructor(code: string, message: string, details: { index?: number; token?: string } = {}) {
    super(message);
    // What the failed expression becomes: Step Functions fails the state with this error.
    this.name = 'States.QueryEvaluationError';
    this.code = code;
    if (details.index !== undefined) this.index = details.index;
    if (details.token !== undefined) this.token = details.token;
  }
}
