import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Json } from '../check/Json.ts';
import { SimulatedTaskError } from './errors.ts';
import type { LocalFunction, TaskMapping } from './SimConfig.ts';

/** How long a local function may run, as far as its `getRemainingTimeInMillis` says. */
const LOCAL_FUNCTION_TIMEOUT_MS = 30_000;

/**
 * Runs what the config maps a Task to. A function (a module export or a programmatic one) is
 * called as a Lambda handler is, `(event, context)`, and what it throws reaches the state machine
 * as a Lambda error does: the error name is `error.name`, the cause the Lambda error document.
 *
 * @example
 * await runLocalMapping({ kind: 'result', result: { ok: true } }, {}); // { ok: true }
 */
export async function runLocalMapping(mapping: TaskMapping, input: Json): Promise<Json> {
  switch (mapping.kind) {
    case 'result':
      return structuredClone(mapping.result);
    case 'error':
      throw new SimulatedTaskError(mapping.error, mapping.cause);
    case 'module':
      return callFunction(
        await loadExport(mapping.file, mapping.exportName),
        mapping.exportName,
        input,
      );
    case 'function':
      return callFunction(mapping.fn, mapping.name, input);
    default:
      return assertNever(mapping);
  }
}

/** A short description of a mapping for the trace. */
export function describeMapping(mapping: TaskMapping): string {
  switch (mapping.kind) {
    case 'result':
      return 'fixed result';
    case 'error':
      return `fixed error ${mapping.error}`;
    case 'module':
      return `local module ${mapping.file.split(/[\\/]/).pop() ?? mapping.file}#${mapping.exportName}`;
    case 'function':
      return `local function ${mapping.name}`;
    default:
      return assertNever(mapping);
  }
}

/**
 * The error a Task sees when a Lambda function throws: its name, and as its cause the document
 * Lambda returns (`errorType`, `errorMessage`, `trace`).
 */
export function lambdaError(
  errorType: string,
  errorMessage: string,
  trace: readonly string[],
): SimulatedTaskError {
  return new SimulatedTaskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

/**
 * The message inside a Lambda error document (the cause `lambdaError` builds), or the cause itself
 * when it is not one.
 *
 * @example
 * lambdaErrorMessage('{"errorType":"E","errorMessage":"it broke","trace":[]}'); // 'it broke'
 */
export function lambdaErrorMessage(cause: string): string {
  try {
    const parsed: unknown = JSON.parse(cause);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'errorMessage' in parsed &&
      typeof parsed.errorMessage === 'string'
    ) {
      return parsed.errorMessage;
    }
  } catch {
    // A plain cause.
  }
  return cause;
}

async function loadExport(file: string, exportName: string): Promise<LocalFunction> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw lambdaError(
      'Runtime.ImportModuleError',
      `Cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`,
      [],
    );
  }
  const fn = module[exportName];
  if (typeof fn !== 'function') {
    throw lambdaError(
      'Runtime.HandlerNotFound',
      `${file} does not export a function named ${exportName}`,
      [],
    );
  }
  return fn as LocalFunction;
}

async function callFunction(fn: LocalFunction, name: string, input: Json): Promise<Json> {
  const endsAt = Date.now() + LOCAL_FUNCTION_TIMEOUT_MS;
  const context = {
    awsRequestId: randomUUID(),
    functionName: name,
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
  try {
    const result = await fn(structuredClone(input), context);
    // As the Lambda runtime does: the result travels as JSON, undefined becomes null.
    return JSON.parse(JSON.stringify(result) ?? 'null') as Json;
  } catch (error) {
    if (error instanceof Error) {
      throw lambdaError(error.name, error.message, handlerFrames(error.stack ?? ''));
    }
    throw lambdaError('Error', String(error), []);
  }
}

/** The stack down to the function itself: the simulator's own frames are not the user's concern. */
function handlerFrames(stack: string): string[] {
  const lines = stack.split('\n');
  const end = lines.findIndex((line) => line.includes('callFunction'));
  return end === -1 ? lines : lines.slice(0, end);
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled task mapping: ${JSON.stringify(value)}`);
}
