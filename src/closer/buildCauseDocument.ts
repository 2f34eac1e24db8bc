import type { CloseRequest } from './CloseRequest.ts';

/**
 * The default failure cause: a compact JSON document naming the child execution and carrying the
 * errors its `Catch` clauses recorded, so the parent can see why without opening the child.
 */
export function buildCauseDocument(
  request: Pick<CloseRequest, 'execution' | 'errors'>,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return { execution: request.execution, ...extra, errors: request.errors };
}
