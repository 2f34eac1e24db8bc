/**
 * An error as the AWS SDK throws it for a modelled or unmodelled service error: its `name` is the
 * error code, `$fault` says client or server, and `$metadata` carries the HTTP status.
 */
export function serviceError(name: string, httpStatusCode = 400, attempts = 3): Error {
  return Object.assign(new Error(`${name}: from the service`), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, attempts },
  });
}
