import type { RecordedRequest, Reply } from './fakeSfnEndpoint.ts';

/**
 * The signals the endpoint accepted, whatever reached the client: a lost or truncated answer to a
 * processed signal still closed the parent's task. A reply that was delayed counts as accepted at
 * arrival, as the service would have processed it by then even if the client gave up waiting.
 */
export function acceptedSignals(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter(
    (request) =>
      (request.operation === 'SendTaskSuccess' || request.operation === 'SendTaskFailure') &&
      isAccepted(request.reply),
  );
}

function isAccepted(reply: Reply): boolean {
  switch (reply.kind) {
    case 'ok':
    case 'truncated':
      return true;
    case 'lost-response':
      return reply.after === undefined || isAccepted(reply.after);
    case 'delay':
      return isAccepted(reply.then);
    case 'error':
    case 'status':
    case 'hang':
    case 'reset':
      return false;
    default:
      return assertNever(reply);
  }
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled reply: ${JSON.stringify(value)}`);
}
