import type { Rule } from '../CheckContext.ts';
import { finding } from '../Finding.ts';

const STATUS_PATH = '$.meta.status';

/**
 * `closer-result-path` (warning): a JSONPath Closer Task must write its result to
 * `$.meta.status`, where the chain's Choice reads `$.meta.status.message`. Elsewhere (the default
 * `$` replaces the payload) that read fails with `States.Runtime`, which no Catch sees.
 */
export const closerResultPath: Rule = ({ chain, root, closerName }) => {
  if (chain.kind === 'missing') return [];
  const closer = root.states.get(closerName);
  if (closer === undefined || closer.queryLanguage !== 'JSONPath') return [];
  const resultPath = closer.raw['ResultPath'];
  if (resultPath === STATUS_PATH) return [];
  const where = resultPath === undefined ? '$ (the default)' : JSON.stringify(resultPath);
  return [
    finding(
      'closer-result-path',
      closer.path,
      `${closerName} writes its result to ${where}, not ${STATUS_PATH}, where the Closer's ` +
        'Choice reads it; a missing status fails that Choice with States.Runtime.',
      `Set "ResultPath": "${STATUS_PATH}".`,
    ),
  ];
};
