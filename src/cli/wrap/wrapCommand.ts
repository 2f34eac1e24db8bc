import { type CliCommand, ExitCode } from '../CliIo.ts';
import { checkDefinition } from '../check/checkDefinition.ts';
import { validateLoaded } from '../check/loadDefinition.ts';
import { validateDefinition } from '../check/validateDefinition.ts';
import { describeError } from '../input/InputError.ts';
import { isTemplate } from '../input/isTemplate.ts';
import type { ParsedText } from '../input/parseText.ts';
import { readInput } from '../input/readInput.ts';
import { displayName } from '../input/readText.ts';
import { parseCloserOptions } from './parseCloserOptions.ts';
import { WrapError, wrapDefinition } from './wrapDefinition.ts';

const USAGE = 'Usage: sub-step-closer wrap <definition|-> --closer-arn ARN [--closer NAME]\n';

const HELP = `${USAGE}
Prints the definition rewritten to follow the Closer contract: JSON in, 2-space JSON out; YAML
in, YAML out (comments on unchanged parts kept). A CloudFormation or SAM template is refused:
wrap the definition file it points to (DefinitionUri / DefinitionS3Location).

Options:
  --closer-arn ARN   the SubStepCloser Lambda function's ARN (required), or a placeholder that
                     the deployment substitutes, such as \${CloserFunctionArn}
  --closer NAME      the name of the Closer Task state (default Closer:Send)
  -h, --help         print this help

Exit codes:
  0  printed; the output passes check
  1  printed, but check still finds errors wrap cannot mend (listed on stderr)
  2  unreadable or invalid definition, a template, a Closer name that is not a Task, bad arguments
`;

/**
 * `sub-step-closer wrap`: prints (stdout) the definition rewritten to follow the Closer contract,
 * in the form it was read: JSON as 2-space JSON, YAML as YAML. Exit codes: 0 the output passes
 * `check`; 1 it is printed but `check` still finds errors that wrap cannot mend (listed on
 * stderr); 2 unreadable or invalid definition, a template, or bad arguments.
 *
 * @example
 * await wrapCommand(['machine.asl.yaml', '--closer-arn', arn], processIo);
 */
export const wrapCommand: CliCommand = async (args, io) => {
  const options = parseCloserOptions(args, false);
  if ('help' in options) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if ('problem' in options) {
    io.stderr(`${options.problem}\n${USAGE}`);
    return ExitCode.usage;
  }
  const [file, ...extra] = options.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(`Give exactly one definition file.\n${USAGE}`);
    return ExitCode.usage;
  }
  const name = displayName(file);
  let parsed: ParsedText;
  try {
    parsed = await readInput(file);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return ExitCode.usage;
  }
  // A template's definitions hold deployment-time values (Fn::Sub, Ref, substitutions) that a
  // rewrite would have to carry through intrinsic functions it cannot read: wrap the file instead.
  if (isTemplate(parsed.value)) {
    io.stderr(
      `${name} is a CloudFormation or SAM template. wrap rewrites one definition: keep it in its own ` +
        'file (DefinitionUri in SAM, DefinitionS3Location with `aws cloudformation package`), wrap ' +
        'that file, and check the template with `sub-step-closer check`.\n',
    );
    return ExitCode.usage;
  }
  const loaded = validateLoaded(parsed.value, name);
  if (!loaded.ok) {
    io.stderr(`${loaded.problems.join('\n')}\n`);
    return ExitCode.usage;
  }
  let wrapped: object;
  try {
    wrapped = wrapDefinition(loaded.definition, options);
  } catch (error) {
    // A WrapError says what to change; anything else is reported the same way, never a trace.
    const reason = error instanceof WrapError ? error.message : describeError(error);
    io.stderr(`Cannot wrap ${name}: ${reason}\n`);
    return ExitCode.usage;
  }
  const validation = validateDefinition(wrapped);
  if (!validation.valid) {
    // Over 1 MB once the Closer states are added, or an ARN the validator refuses.
    io.stderr(`The wrapped definition is not valid:\n${validation.errors.join('\n')}\n`);
    return ExitCode.usage;
  }
  if (parsed.format === 'yaml') {
    const { printYaml } = await import('../input/yamlDocument.ts');
    io.stdout(printYaml(parsed.document, wrapped));
  } else {
    io.stdout(`${JSON.stringify(wrapped, null, 2)}\n`);
  }
  const remaining = checkDefinition(wrapped, { closerName: options.closerName }).filter(
    (item) => item.severity === 'error',
  );
  if (remaining.length === 0) return ExitCode.ok;
  io.stderr(
    `wrap cannot mend ${remaining.length === 1 ? 'this problem' : 'these problems'}:\n` +
      remaining.map((item) => `  ${item.rule} ${item.state}: ${item.message}`).join('\n') +
      '\n',
  );
  return ExitCode.findings;
};
