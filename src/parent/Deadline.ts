/**
 * The time this invocation may still spend on Step Functions: the Lambda's remaining time minus a
 * margin to return a named error before Lambda kills the invocation.
 */
export interface Deadline {
  /** Milliseconds left; zero or less means give up now. */
  remainingMs(): number;
}

/**
 * @example
 * const deadline = deadlineFrom(context.getRemainingTimeInMillis(), config.deadlineMarginMs);
 */
export function deadlineFrom(
  remainingTimeMs: number,
  marginMs: number,
  now: () => number = Date.now,
): Deadline {
  const endsAt = now() + remainingTimeMs - marginMs;
  return { remainingMs: () => endsAt - now() };
}

/** Thrown by `withinDeadline` when the time runs out; mapped to `Closer.ParentUnreachable`. */
export class DeadlineReachedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineReachedError';
  }
}

/**
 * Runs `call` and gives up when the deadline comes, aborting the request so no socket outlives the
 * invocation. The race matters as well as the abort: the SDK may be sleeping between retries.
 */
export async function withinDeadline<T>(
  deadline: Deadline,
  call: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const remaining = deadline.remainingMs();
  if (remaining <= 0) throw new DeadlineReachedError('no time left before the Lambda deadline');
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new DeadlineReachedError(`no answer within ${remaining} ms, before the Lambda deadline`),
      );
    }, remaining);
  });
  try {
    return await Promise.race([call(controller.signal), expiry]);
  } finally {
    clearTimeout(timer);
  }
}
