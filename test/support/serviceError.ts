/** What the AWS SDK puts on an error it throws for a service error. */
export interface SdkErrorShape {
  /** The error code, which is also the error's `name`. */
  readonly name: string;
  readonly message: string;
  readonly httpStatusCode: number;
  readonly attempts: number;
}

/**
 * An error as the AWS SDK throws it for a modelled or unmodelled service error: its `name` is the
 * error code, `$fault` says client or server, and `$metadata` carries the HTTP status. The one
 * place the test helpers build that shape.
 */
export function sdkServiceError(shape: SdkErrorShape): Error {
  return Object.assign(new Error(shape.message), {
    name: shape.name,
    $fault: shape.httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: shape.httpStatusCode, attempts: shape.attempts },
  });
}

/** A service error named `name`, with the message `<name>: from the service`. */
export function serviceError(name: string, httpStatusCode = 400, attempts = 3): Error {
  return sdkServiceError({ name, message: `${name}: from the service`, httpStatusCode, attempts });
}
