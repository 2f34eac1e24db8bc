import { createCheckContext, type Rule } from './CheckContext.ts';
import { DEFAULT_CLOSER_NAME } from './closerChain.ts';
import type { Finding } from './Finding.ts';
import { parseDefinition } from './parseDefinition.ts';
import { catchReplacesPayload } from './rules/catchReplacesPayload.ts';
import { choiceWithoutDefault } from './rules/choiceWithoutDefault.ts';
import { closerMissing } from './rules/closerMissing.ts';
import { closerReadsPayloadLink } from './rules/closerReadsPayloadLink.ts';
import { dataLimitRisk } from './rules/dataLimitRisk.ts';
import { escapesCloser } from './rules/escapesCloser.ts';
import { missingCatchAll } from './rules/missingCatchAll.ts';
import { parentSyncWithoutToken } from './rules/parentSyncWithoutToken.ts';
import { parentWaitWithoutTimeout } from './rules/parentWaitWithoutTimeout.ts';
import { resultPathTypeMismatch } from './rules/resultPathTypeMismatch.ts';
import { runtimeErrorRisk } from './rules/runtimeErrorRisk.ts';
import { shimDropped } from './rules/shimDropped.ts';

/** Options of `checkDefinition`. */
export interface CheckOptions {
  /** The Closer Task's name. Default `Closer:Send`. */
  readonly closerName?: string;
}

/**
 * Errors first, then warnings; each group in rule order, then definition order. A rule whose
 * severity depends on the case (`closer-reads-payload-link`) lands in the group of its finding.
 */
const RULE_ORDER: readonly Rule[] = [
  closerMissing,
  missingCatchAll,
  escapesCloser,
  choiceWithoutDefault,
  parentWaitWithoutTimeout,
  closerReadsPayloadLink,
  resultPathTypeMismatch,
  runtimeErrorRisk,
  dataLimitRisk,
  catchReplacesPayload,
  shimDropped,
  parentSyncWithoutToken,
];

/**
 * Checks a state machine definition against the Closer contract and returns every finding.
 * The definition should already pass `validateDefinition`; a definition without the shape of a
 * state machine throws `InvalidDefinitionError`. Runs in time linear in the number of states.
 *
 * @example
 * const findings = checkDefinition(JSON.parse(text));
 * const compliant = findings.every((f) => f.severity !== 'error');
 */
export function checkDefinition(definition: unknown, options: CheckOptions = {}): Finding[] {
  const context = createCheckContext(
    parseDefinition(definition),
    options.closerName ?? DEFAULT_CLOSER_NAME,
  );
  const findings = RULE_ORDER.flatMap((rule) => rule(context));
  return [
    ...findings.filter((item) => item.severity === 'error'),
    ...findings.filter((item) => item.severity === 'warning'),
  ];
}
