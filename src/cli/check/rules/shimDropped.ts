import type { Rule } from '../CheckContext.ts';
import { type Finding, finding } from '../Finding.ts';
import { isJsonObject, type Json, type JsonObject } from '../Json.ts';
import { type MetaDrop, metaDrops } from '../metaDrops.ts';
import type { StateNode } from '../parseDefinition.ts';
import { fieldText, normalSuccessors } from '../stateFields.ts';

/** The shims the Closer reads from the payload's `meta`, and what each one tells it. */
const SHIMS = {
  status: 'the outcome it records',
  error: 'the error name the parent should receive',
  cause: 'the cause the parent should receive',
  outputPath: 'which part of the payload the parent should receive',
} as const;

type Shim = keyof typeof SHIMS;

const SHIM_NAMES = Object.keys(SHIMS) as Shim[];

/** A JSONPath `ResultPath` that writes a shim or below it: `$.meta.status`, `$.meta.error.x`. */
const SHIM_PATH = /^\$\.meta\.(status|error|cause|outputPath)(?=$|[.[])/;

/**
 * A shim as a key of a JSONata object constructor (`{'status': false}`), its quotes possibly
 * escaped when the field is an object written out as JSON.
 */
const SHIM_KEY = /["'](status|error|cause|outputPath)\\?["']\s*:/g;

/**
 * `shim-dropped` (warning): a top-level state sets a shim in the payload's `meta` (`status`,
 * `error`, `cause`, `outputPath`), and some later state on some path from it to the Closer Task
 * can drop `meta` (see `metaDrops`), so the Closer may never read it: a failure reported as a
 * success, the wrong error name, the whole payload instead of a selection.
 *
 * Setting a shim, heuristically: a JSONPath `ResultPath` (a state's or a catcher's) at or below
 * `$.meta.<shim>`, or `$.meta` with a Pass `Result` object holding a shim key; a JSONata `Output`
 * (a state's or a catcher's) whose text names `meta` and has a shim as an object key. The Closer
 * chain is left out: its states come after the Closer has read the shims.
 */
export const shimDropped: Rule = (context) => {
  const { chain, root, paths, inChain, closerName } = context;
  if (chain.kind === 'missing') return [];
  const drops = metaDrops(context);
  if (drops.droppers.length === 0) return [];
  const findings: Finding[] = [];
  for (const node of root.states.values()) {
    if (inChain(node) || !paths.has(node.name)) continue;
    const byOutput = outputShims(node);
    const drop = byOutput.length > 0 ? firstAhead(drops.ahead, normalSuccessors(node)) : undefined;
    if (drop !== undefined) {
      findings.push(shimFinding(node, node.name, byOutput, drop, closerName));
      continue;
    }
    for (const catcher of node.catchers) {
      const shims = catcherShims(node, catcher.raw);
      const caughtDrop = shims.length > 0 ? drops.ahead(catcher.next) : undefined;
      if (caughtDrop === undefined) continue;
      const setter = `${node.name}'s catcher for ${catcher.errorEquals.join('/')}`;
      findings.push(shimFinding(node, setter, shims, caughtDrop, closerName));
      break;
    }
  }
  return findings;
};

function shimFinding(
  node: StateNode,
  setter: string,
  shims: readonly Shim[],
  drop: MetaDrop,
  closerName: string,
): Finding {
  const names = shims.map((shim) => `meta.${shim}`).join(' and ');
  const lost = shims.map((shim) => SHIMS[shim]).join(' and ');
  const failure = shims.some((shim) => shim !== 'outputPath')
    ? ' (`sub-step-closer wrap` records a failure in variables, which no state can drop)'
    : '';
  return finding(
    'shim-dropped',
    node.path,
    `${setter} sets ${names} in the payload, but ${drop.node.name} can drop meta before ` +
      `${closerName} reads it (${drop.reason}), so the Closer may never see ${lost}.`,
    `Make ${drop.node.name} keep meta (JSONPath: a "ResultPath" below "$", or null; JSONata: an ` +
      `"Output" built on $states.input), or set ${names} after it${failure}.`,
  );
}

function firstAhead(
  ahead: (name: string) => MetaDrop | undefined,
  names: readonly string[],
): MetaDrop | undefined {
  for (const name of names) {
    const drop = ahead(name);
    if (drop !== undefined) return drop;
  }
  return undefined;
}

/** The shims a state's own output sets. */
function outputShims(node: StateNode): Shim[] {
  if (node.queryLanguage === 'JSONata') return jsonataShims(node.raw['Output']);
  const resultPath = node.raw['ResultPath'];
  if (node.type === 'Pass' && resultPath === '$.meta') return literalShims(node.raw['Result']);
  return node.type === 'Task' ||
    node.type === 'Pass' ||
    node.type === 'Parallel' ||
    node.type === 'Map'
    ? pathShims(resultPath)
    : [];
}

/** The shims a catcher's output sets. */
function catcherShims(node: StateNode, catcher: JsonObject): Shim[] {
  return node.queryLanguage === 'JSONata'
    ? jsonataShims(catcher['Output'])
    : pathShims(catcher['ResultPath']);
}

function pathShims(resultPath: Json | undefined): Shim[] {
  if (typeof resultPath !== 'string') return [];
  const shim = SHIM_PATH.exec(resultPath)?.[1] as Shim | undefined;
  return shim === undefined ? [] : [shim];
}

function literalShims(result: Json | undefined): Shim[] {
  return isJsonObject(result) ? SHIM_NAMES.filter((shim) => Object.hasOwn(result, shim)) : [];
}

function jsonataShims(output: Json | undefined): Shim[] {
  const text = fieldText(output);
  if (!/\bmeta\b/.test(text)) return [];
  const found = new Set<Shim>();
  for (const match of text.matchAll(SHIM_KEY)) found.add(match[1] as Shim);
  return SHIM_NAMES.filter((shim) => found.has(shim));
}
