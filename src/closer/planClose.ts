import type { CloserConfig } from '../config.ts';
import { SignalErrorName } from '../errors.ts';
import { OUTPUT_MAX_BYTES } from './apiLimits.ts';
import { buildCauseDocument } from './buildCauseDocument.ts';
import type { CloseRequest } from './CloseRequest.ts';
import { decideVerdict, failed } from './decideVerdict.ts';
import type { ParentSignal } from './ParentSignal.ts';
import { selectOutput } from './selectOutput.ts';
import type { FailedVerdict, Verdict } from './Verdict.ts';

/** The whole decision for one invocation: the verdict, and the signal the parent should get. */
export interface ClosePlan {
  readonly verdict: Verdict;
  /** Undefined when there is no well-formed parent token: nothing to call. */
  readonly signal: ParentSignal | undefined;
}

/**
 * Decides what to tell the parent. Pure: no AWS, no clock, no logging.
 *
 * A SUCCEEDED verdict becomes FAILED when its output cannot be delivered: a `meta.outputPath`
 * that selects nothing (`SubStep.InvalidPayload`), or an output over 262,144 UTF-8 bytes
 * (`SubStep.OutputTooLarge`), so the parent is told why instead of the call being refused.
 *
 * @example
 * planClose(readCloseRequest({ meta: { parent: { token: 'AQB...' } } }), DEFAULT_CONFIG).signal?.kind;
 * // 'success'
 */
export function planClose(request: CloseRequest, config: CloserConfig): ClosePlan {
  const verdict = decideVerdict(request, config);
  if (verdict.message === 'FAILED') return failedPlan(request, verdict);
  const output = buildSuccessOutput(request);
  if (output.kind === 'undeliverable') return failedPlan(request, output.verdict);
  return { verdict, signal: output.signal };
}

function failedPlan(request: CloseRequest, verdict: FailedVerdict): ClosePlan {
  const signal: ParentSignal | undefined =
    request.parent.kind === 'token'
      ? { kind: 'failure', error: verdict.error, cause: verdict.cause }
      : undefined;
  return { verdict, signal };
}

type SuccessOutput =
  | { readonly kind: 'deliverable'; readonly signal: ParentSignal | undefined }
  | { readonly kind: 'undeliverable'; readonly verdict: FailedVerdict };

function buildSuccessOutput(request: CloseRequest): SuccessOutput {
  const selection = selectOutput(request.payload, request.outputPath);
  if (selection.kind === 'invalid') {
    return undeliverable(SignalErrorName.invalidPayload, request, {
      problems: [selection.problem],
    });
  }
  // Serializing and measuring is a pass over the payload: pay for it only when a parent waits.
  // Stryker disable next-line ObjectLiteral: equivalent, planClose reads only `kind === 'undeliverable'` and `signal`, and both read the same of {}
  if (request.parent.kind !== 'token') return { kind: 'deliverable', signal: undefined };

  const output = serialize(selection.value);
  if (output === undefined) {
    return undeliverable(SignalErrorName.invalidPayload, request, {
      problems: ['the selected output cannot be serialized as JSON'],
    });
  }
  // SendTaskSuccess.output: at most 262,144 bytes of UTF-8 (bytes, not characters).
  // Stryker disable next-line StringLiteral: equivalent, Buffer.byteLength reads an empty encoding name as its default, utf8
  const outputBytes = Buffer.byteLength(output, 'utf8');
  if (outputBytes > OUTPUT_MAX_BYTES) {
    return undeliverable(SignalErrorName.outputTooLarge, request, {
      outputBytes,
      limitBytes: OUTPUT_MAX_BYTES,
    });
  }
  return { kind: 'deliverable', signal: { kind: 'success', output, outputBytes } };
}

function undeliverable(
  error: string,
  request: CloseRequest,
  details: Readonly<Record<string, unknown>>,
): SuccessOutput {
  return { kind: 'undeliverable', verdict: failed(error, buildCauseDocument(request, details)) };
}

function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    // Nesting deeper than the stack allows.
    return undefined;
  }
}
