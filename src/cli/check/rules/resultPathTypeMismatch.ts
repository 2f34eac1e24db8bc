import { closerStateNames } from '../../wrap/closerStates.ts';
import type { Rule } from '../CheckContext.ts';
import { errorKey } from '../errorKey.ts';
import { type Finding, finding } from '../Finding.ts';
import type { Catcher } from '../parseDefinition.ts';
import { inputTypes } from '../payloadTypes.ts';
import { isBelowRoot } from '../stateFields.ts';

const UPGRADE =
  'Run `sub-step-closer wrap` to upgrade the Closer section to one that keeps the payload as it ' +
  'is, of any JSON type, and records errors in variables.';

/** The state types whose JSONPath `ResultPath` writes into their input. */
const RESULT_TYPES: ReadonlySet<string> = new Set(['Task', 'Pass', 'Parallel', 'Map']);

/**
 * `result-path-type-mismatch`: a JSONPath state or catcher has a `ResultPath` below `$`
 * (`$.errors.Work`, `$.meta.status`), but its input can be a non-object (see `inputTypes`): an
 * array from a Parallel or Map whose result replaced the payload, a Pass `Result` that is not an
 * object, a JSONata `Output` that is a non-object literal or an array. Step Functions cannot
 * write a field into a non-object and fails the state with `States.ResultPathMatchFailure`; a
 * catcher that fails so never gets its error to the Closer. An input that is merely unknown (a
 * Lambda's result) is not reported. Top-level states only: `inputTypes` leaves branches out.
 */
export const resultPathTypeMismatch: Rule = ({ root, closerName, inChain }) => {
  const markFailed = closerStateNames(closerName).markFailed;
  const types = inputTypes(root);
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    const input = types.get(node.name);
    if (input?.kind !== 'nonObject' || node.queryLanguage !== 'JSONPath') continue;
    const received = `${input.what} (the output of ${input.from})`;
    const restructure =
      `Set "ResultPath" to null (keep what you need with "Assign"), or give ${input.from} a ` +
      `"ResultPath" such as "$.results.${errorKey(input.from)}" so that the payload stays an object.`;
    // The original Closer section writes into the payload; the framed one keeps it as it is.
    const upgrade = inChain(node) || node.name === markFailed ? UPGRADE : undefined;
    const resultPath = node.raw['ResultPath'];
    if (RESULT_TYPES.has(node.type) && isBelowRoot(resultPath)) {
      findings.push(
        finding(
          'result-path-type-mismatch',
          node.path,
          `${node.type} writes its result to ResultPath ${resultPath}, but its input can be ` +
            `${received}: Step Functions cannot write a field into a non-object and fails the ` +
            'state with States.ResultPathMatchFailure.',
          upgrade ?? restructure,
        ),
      );
    }
    for (const catcher of node.catchers) {
      const caughtPath = catcher.raw['ResultPath'];
      if (!isBelowRoot(caughtPath)) continue;
      findings.push(
        finding(
          'result-path-type-mismatch',
          node.path,
          `The catcher for ${catcher.errorEquals.join('/')} writes the error to ResultPath ` +
            `${caughtPath} of the state's input, which can be ${received}: Step Functions ` +
            'cannot write a field into a non-object (States.ResultPathMatchFailure), so the ' +
            `caught error never reaches ${catcher.next}.`,
          upgrade ??
            (wrapMends(catcher, node.name, markFailed)
              ? 'Run `sub-step-closer wrap`: it turns this catch-all (one an earlier wrap added) ' +
                'into one that keeps the payload as it is ("ResultPath": null) and records the ' +
                'error in variables, which works whatever the payload is.'
              : `Set the catcher's "ResultPath" to null and record the error with "Assign" ` +
                '(as the catch-alls `sub-step-closer wrap` adds do).'),
        ),
      );
    }
  }
  return findings;
};

/**
 * A catch-all an earlier `wrap` added: `ResultPath: $.errors.<State>` into the mark-failed state.
 * `wrap` rewrites exactly those to keep the payload and record the error in variables; a catcher
 * the user wrote keeps its own ResultPath.
 */
function wrapMends(catcher: Catcher, stateName: string, markFailed: string): boolean {
  return (
    catcher.next === markFailed &&
    catcher.errorEquals.includes('States.ALL') &&
    catcher.raw['ResultPath'] === `$.errors.${errorKey(stateName)}`
  );
}
