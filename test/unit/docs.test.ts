import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../src/cli/check/checkDefinition.ts';
import { validateDefinition } from '../../src/cli/check/validateDefinition.ts';

/** The pages a reader reaches from the README: the README, docs/*.md, the changelog, the guide. */
const PAGES = [
  'README.md',
  ...readdirSync('docs')
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
  'CHANGELOG.md',
  'CONTRIBUTING.md',
].filter((page) => existsSync(page));

const read = (path: string) => readFileSync(path, 'utf8');

interface Fence {
  readonly lang: string;
  readonly body: string;
  /** The last line of prose before the block, which says what the block shows. */
  readonly before: string;
}

/** The page split into its fenced code blocks and the prose between them (one string a line). */
function splitFences(markdown: string): { prose: string[]; fences: Fence[] } {
  const prose: string[] = [];
  const fences: Fence[] = [];
  let open: { lang: string; lines: string[]; marker: string; before: string } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w.+-]*)/.exec(line);
    if (open === undefined) {
      if (fence?.[1] !== undefined) {
        const before = prose.findLast((text) => text.trim() !== '') ?? '';
        open = { lang: fence[2] ?? '', lines: [], marker: fence[1], before: before.trim() };
      } else prose.push(line);
    } else if (fence?.[1]?.startsWith(open.marker) && !fence[2]) {
      fences.push({
        lang: open.lang.toLowerCase(),
        body: open.lines.join('\n'),
        before: open.before,
      });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  return { prose, fences };
}

/** Prose without inline code spans, where a `[x](y)` is text, not a link. */
function withoutInlineCode(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, '');
}

/**
 * GitHub's heading anchor: the rendered text, lowercased, without punctuation but `-` and `_`,
 * spaces turned into `-`; a repeated anchor gets `-1`, `-2`, ... (github-slugger's rules).
 */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of splitFences(markdown).prose) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] === undefined) continue;
    const text = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link renders as its text
      .replace(/<[^>]+>/g, ''); // so does inline HTML
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every `[text](target)` and `<a href="target">` in the prose of a page. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of splitFences(markdown).prose.map(withoutInlineCode)) {
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (match[1] !== undefined) targets.push(match[1]);
    }
    for (const match of line.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (match[1] !== undefined) targets.push(match[1]);
    }
  }
  return targets;
}

/** Why a relative link from `page` does not resolve, or undefined when it does. */
function brokenLink(page: string, target: string): string | undefined {
  const hashAt = target.indexOf('#');
  const pathPart = hashAt === -1 ? target : target.slice(0, hashAt);
  const anchor = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1));
  const file = pathPart === '' ? page : normalize(join(dirname(page), decodeURI(pathPart)));
  if (!existsSync(file)) return `${page}: ${target} → ${file} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md')) {
    return `${page}: ${target} → an anchor into ${file}, which is not a Markdown page`;
  }
  if (headingAnchors(read(file)).has(anchor)) return undefined;
  return `${page}: ${target} → ${file} has no heading whose anchor is #${anchor}`;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/**
 * Fills the placeholders a definition in the docs carries (`${ChildStateMachineArn}`, `REGION`,
 * `ACCOUNT`) with the documented example values, so that it validates as the deployed one would.
 */
function fillPlaceholders(text: string): string {
  return text
    .replace(/\$\{(\w+)\}/g, (_whole, name: string) =>
      /statemachine/i.test(name)
        ? `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`
        : `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    )
    .replace(/:REGION:/g, ':us-east-1:')
    .replace(/:ACCOUNT:/g, ':123456789012:');
}

type Block =
  | { readonly kind: 'definition'; readonly definition: object }
  | { readonly kind: 'fragment' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * A JSON block claims to be a definition when it is an object with top-level `StartAt` and
 * `States`. A block that names both but is not JSON on its own (a state or a list of states
 * shown out of their machine) is a fragment; one that is not JSON even as an object's members
 * is unreadable, and reported.
 */
function classifyBlock(body: string): Block {
  if (!(body.includes('"StartAt"') && body.includes('"States"'))) return { kind: 'fragment' };
  const text = fillPlaceholders(body);
  try {
    const value: unknown = JSON.parse(text);
    const isDefinition =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.hasOwn(value, 'StartAt') &&
      Object.hasOwn(value, 'States');
    return isDefinition ? { kind: 'definition', definition: value } : { kind: 'fragment' };
  } catch (error) {
    try {
      JSON.parse(`{${text}}`);
      return { kind: 'fragment' };
    } catch {
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }
}

const JSON_LANGS = new Set(['json', 'jsonc', 'asl', 'asl.json']);

const definitionBlocks = PAGES.flatMap((page) =>
  splitFences(read(page))
    .fences.filter((fence) => JSON_LANGS.has(fence.lang))
    .map((fence, index) => ({
      page,
      index,
      block: classifyBlock(fence.body),
      // A rule's "Broken:" example shows a definition that check must fail.
      broken: /^broken\b/i.test(fence.before),
    }))
    .filter(({ block }) => block.kind !== 'fragment'),
);
const working = definitionBlocks.filter((item) => !item.broken);
const broken = definitionBlocks.filter((item) => item.broken);

describe('links in the docs', () => {
  it.each(PAGES)('every relative link and anchor in %s resolves', (page) => {
    const broken = linkTargets(read(page))
      .filter((target) => !isExternal(target))
      .flatMap((target) => brokenLink(page, target) ?? []);

    expect(broken).toEqual([]);
  });

  it('the docs index links to every page in docs/', () => {
    const linked = new Set(linkTargets(read('docs/README.md')).map((t) => t.split('#')[0]));
    const pages = readdirSync('docs').filter((f) => f.endsWith('.md') && f !== 'README.md');

    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});

describe('the link check', () => {
  it('reports a heading the target page does not have', () => {
    expect(brokenLink('docs/contract.md', 'safety-net.md#no-such-heading')).toBe(
      'docs/contract.md: safety-net.md#no-such-heading → docs/safety-net.md has no heading whose anchor is #no-such-heading',
    );
  });

  it('reports a page that does not exist', () => {
    expect(brokenLink('docs/README.md', 'no-such-page.md')).toBe(
      'docs/README.md: no-such-page.md → docs/no-such-page.md does not exist',
    );
  });

  it('accepts an anchor of the same page', () => {
    expect(brokenLink('docs/contract.md', '#return-value')).toBeUndefined();
  });
});

describe('heading anchors', () => {
  it('follow GitHub: lowercase, punctuation but - and _ dropped, spaces to -, repeats numbered', () => {
    const page = [
      '## The request `Closer:Send` sends',
      '#### `runtime-error-risk` (warning)',
      '## Parents',
      '## Parents',
      '## Parents',
      '```',
      '## not a heading',
      '```',
      '## snake_case & [a link](x.md)',
    ].join('\n');

    expect([...headingAnchors(page)]).toEqual([
      'the-request-closersend-sends',
      'runtime-error-risk-warning',
      'parents',
      'parents-1',
      'parents-2',
      'snake_case--a-link',
    ]);
  });
});

describe('definitions shown in the docs', () => {
  it('include at least one complete definition', () => {
    expect(working.length).toBeGreaterThan(0);
  });

  it.each(working)('$page JSON block $index passes check with no error', ({ block }) => {
    if (block.kind === 'unreadable') throw new Error(`not JSON: ${block.reason}`);
    if (block.kind !== 'definition') return;

    expect(validateDefinition(block.definition)).toEqual({ valid: true });
    const errors = checkDefinition(block.definition).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  // Its ARNs may be shortened (`…`), so only check's own rules are asked, not asl-validator.
  it.each(broken)('$page JSON block $index, shown as broken, fails check', ({ block }) => {
    if (block.kind === 'unreadable') throw new Error(`not JSON: ${block.reason}`);
    if (block.kind !== 'definition') return;

    const errors = checkDefinition(block.definition).filter((f) => f.severity === 'error');
    expect(errors).not.toEqual([]);
  });
});

describe("the README's quick start", () => {
  const section = /^## Quick start\n([\s\S]*?)(?=^## )/m.exec(read('README.md'))?.[1] ?? '';
  /** Each shell command of the section: one per line and per `&&`, comments left out. */
  const commands = splitFences(section)
    .fences.filter((fence) => ['sh', 'bash', 'shell', 'console'].includes(fence.lang))
    .flatMap((fence) => fence.body.split('\n'))
    .map((line) => line.replace(/^\$\s*/, '').replace(/\s+#.*$/, ''))
    .flatMap((line) => line.split('&&'))
    .map((command) => command.trim().replace(/\s+/g, ' '))
    .filter((command) => command !== '' && !command.startsWith('#'));
  const ciCommands = read('.ci/run')
    .split('\n')
    .map((line) => line.trim());
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  /** `npm ci` installs; it counts only when CI installs the same way. */
  const installs = commands.filter((command) => command === 'npm ci');
  const jobs = commands.filter((command) => command !== 'npm ci');

  it('holds exactly two commands besides the install', () => {
    expect(jobs).toHaveLength(2);
  });

  it('installs as CI does, if it shows the install', () => {
    const ciInstalls = ciCommands.some((line) => /^npm ci(\s|$)/.test(line));

    expect(installs.filter(() => !ciInstalls)).toEqual([]);
  });

  it('runs the tests with the command .ci/run runs', () => {
    expect(jobs).toContain('npm test');
    expect(ciCommands).toContain('npm test');
    expect(scripts['test']).toBeDefined();
  });

  it('runs the main job with npm run demo, a script package.json defines', () => {
    expect(jobs).toContain('npm run demo');
    expect(scripts['demo']).toBeDefined();
  });
});
