import { parseArgs } from 'node:util';
import { DEFAULT_CLOSER_NAME } from '../check/closerChain.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { isPlaceholder } from '../check/validation/isArn.ts';

/** The arguments `wrap` and `states` share. */
export interface CloserArguments {
  readonly closerArn: string;
  readonly closerName: string;
  /** `--query-language`, accepted only when asked for (by `states`). Default JSONPath. */
  readonly queryLanguage: QueryLanguage;
  readonly positionals: readonly string[];
}

/** `--query-language` values, matched without regard to case (`jsonata`, `JSONATA`, `JSONPath`). */
const QUERY_LANGUAGES: Readonly<Record<string, QueryLanguage>> = {
  jsonpath: 'JSONPath',
  jsonata: 'JSONata',
};

/**
 * Parses `--closer-arn ARN [--closer NAME]` (and `--query-language JSONPath|JSONata` when
 * `withQueryLanguage` is set) and positionals. Returns a message for the user instead of throwing
 * when the arguments are wrong, and `{ help: true }` for `--help`/`-h`.
 *
 * @example
 * parseCloserOptions(['m.json', '--closer-arn', 'arn:aws:lambda:...'], false);
 */
export function parseCloserOptions(
  args: readonly string[],
  withQueryLanguage: boolean,
): CloserArguments | { readonly problem: string } | { readonly help: true } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args, withQueryLanguage);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  const closerArn = values['closer-arn'];
  if (closerArn === undefined) return { problem: 'Missing --closer-arn ARN.' };
  // The Closer Task's Resource: a Lambda function ARN (asl-validator checks it in wrap's output),
  // or a whole placeholder that the deployment fills in (CloudFormation's and SAM's
  // DefinitionSubstitutions, Terraform's templatefile), as in `"Resource": "${CloserFunctionArn}"`:
  // the same placeholders `check` accepts as a Resource.
  if (!closerArn.startsWith('arn:') && !isPlaceholder(closerArn)) {
    return {
      problem: `--closer-arn must be an ARN (arn:...) or a placeholder such as \${CloserFunctionArn}, not ${closerArn}.`,
    };
  }
  const closerName = values.closer ?? DEFAULT_CLOSER_NAME;
  if (closerName === '') return { problem: '--closer must not be empty.' };
  const given = String(values['query-language'] ?? 'JSONPath');
  const queryLanguage = QUERY_LANGUAGES[given.toLowerCase()];
  if (queryLanguage === undefined) {
    return { problem: `--query-language must be JSONPath or JSONata, not ${given}.` };
  }
  return { closerArn, closerName, queryLanguage, positionals };
}

function parse(args: readonly string[], withQueryLanguage: boolean) {
  return parseArgs({
    args: [...args],
    options: {
      'closer-arn': { type: 'string' },
      closer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...(withQueryLanguage ? { 'query-language': { type: 'string' } } : {}),
    },
    allowPositionals: true,
    strict: true,
  });
}
