import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import aslValidator from 'asl-validator';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FORMAT_INVALID_DEFINITIONS,
  SCHEMA_INVALID_DEFINITIONS,
} from '../../fixtures/schemaInvalidDefinitions.ts';
import {
  type AslValidator,
  bundleAslValidatorCode,
  importAslValidatorBundle,
  loadBuildPlugin,
  validationOutcome as outcome,
} from '../../support/bundleAslValidator.ts';
import { definitionFixtures } from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

type Options = Parameters<AslValidator>[1];

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const JSON_SCHEMA_ERRORS = createRequire(import.meta.url).resolve(
  'asl-validator/dist/src/checks/json-schema-errors.js',
);

let plugin: Plugin;
let precompiledCode: string;
let precompiled: AslValidator;

beforeAll(async () => {
  plugin = await loadBuildPlugin('precompiledAslSchemaPlugin.mjs', 'precompiledAslSchemaPlugin');
  precompiledCode = await bundleAslValidatorCode([plugin]);
  precompiled = await importAslValidatorBundle(precompiledCode);
});

/** asl-validator as published (it compiles its schemas on every call) and the precompiled bundle agree. */
function expectSameOutcome(definition: object, options?: Options): void {
  expect(outcome(precompiled, definition, options)).toStrictEqual(
    outcome(aslValidator, definition, options),
  );
}

const fixtures = [...definitionFixtures('compliant'), ...definitionFixtures('broken')];
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.asl.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as object] as const);

describe('asl-validator with the precompiled state-machine schema', () => {
  it.each(fixtures.map(({ name, definition }) => [name, definition] as const))(
    'gives asl-validator’s result for the definition fixture %s',
    (_name, definition) => {
      expectSameOutcome(definition);
    },
  );

  it.each(examples)('gives asl-validator’s result for examples/%s', (_name, definition) => {
    expectSameOutcome(definition);
  });

  it('gives asl-validator’s result for a generated 500-state machine', () => {
    expectSameOutcome(generateDefinition({ states: 500 }));
  });

  it.each(SCHEMA_INVALID_DEFINITIONS)(
    'gives asl-validator’s errors for a definition where %s',
    (_name, definition) => {
      const result = outcome(precompiled, definition);
      expect(result).toMatchObject({ isValid: false });
      expect(result).toStrictEqual(outcome(aslValidator, definition));
    },
  );

  // checkPaths and checkArn change only the format functions, which asl-validator registers; each
  // reference call compiles the schemas (~0.1 s), so only the definitions with format errors.
  const looseOptions: readonly Options[] = [
    { checkPaths: false, checkArn: true },
    { checkPaths: true, checkArn: false },
    { checkPaths: false, checkArn: false },
  ];
  it.each(looseOptions.map((options) => [JSON.stringify(options), options] as const))(
    'gives asl-validator’s results with the options %s',
    (_label, options) => {
      for (const [name, definition] of FORMAT_INVALID_DEFINITIONS) {
        expect(outcome(precompiled, definition, options), name).toStrictEqual(
          outcome(aslValidator, definition, options),
        );
      }
    },
  );
});

describe('precompiledAslSchemaPlugin', () => {
  let fake: string;
  beforeAll(() => {
    fake = mkdtempSync(join(tmpdir(), 'precompiled-asl-schema-'));
  });
  afterAll(() => {
    rmSync(fake, { recursive: true, force: true });
  });

  /** Bundles `entry` (a module id) from a folder laid out as `files` says. */
  async function bundleFake(folder: string, files: Record<string, string>, entry: string) {
    for (const [file, contents] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, file)), { recursive: true });
      writeFileSync(join(folder, file), contents);
    }
    return build({
      stdin: { contents: `require(${JSON.stringify(entry)});`, resolveDir: folder },
      bundle: true,
      write: false,
      platform: 'node',
      logLevel: 'silent',
      plugins: [plugin],
    });
  }

  it('generates the same bundle from the same sources', async () => {
    expect(await bundleAslValidatorCode([plugin])).toBe(precompiledCode);
  });

  it('keeps the path of the checkout out of the bundle', () => {
    expect(precompiledCode).not.toContain(ROOT);
  });

  it('generates one validator for asl-validator 4 and aws-local-stepfunctions’ asl-validator 3', async () => {
    const nested = 'node_modules/aws-local-stepfunctions/node_modules/asl-validator';
    expect(readdirSync(join(ROOT, nested))).toContain('package.json');
    const result = await build({
      stdin: { contents: `require('asl-validator'); require('./${nested}');`, resolveDir: ROOT },
      bundle: true,
      write: false,
      platform: 'node',
      logLevel: 'silent',
      plugins: [plugin],
    });
    const code = result.outputFiles.map((file) => file.text).join('');
    expect(code.split('function defineValidate(').length - 1).toBe(1);
    expect(code).not.toContain('function compileSchema(');
  });

  it('leaves Ajv’s schema compiler out of the bundle', async () => {
    expect(precompiledCode).toContain('PrecompiledAjv');
    expect(precompiledCode).not.toContain('function compileSchema(');
    expect(await bundleAslValidatorCode([])).toContain('function compileSchema(');
  });

  it('fails the build when json-schema-errors.js no longer builds its Ajv as published', async () => {
    const published = readFileSync(JSON_SCHEMA_ERRORS, 'utf8');
    const changed = published.replace(
      'allowUnionTypes: true,',
      'allowUnionTypes: true, allErrors: true,',
    );
    expect(changed).not.toBe(published);
    const file = 'node_modules/asl-validator/dist/src/checks/json-schema-errors.js';
    await expect(
      bundleFake(join(fake, 'changed'), { [file]: changed }, `./${file}`),
    ).rejects.toThrow(/precompiled-asl-schema: .* no longer has:/);
  });

  it('fails the build when asl-validator is bundled without json-schema-errors.js', async () => {
    const file = 'node_modules/asl-validator/dist/src/validator.js';
    await expect(
      bundleFake(join(fake, 'moved'), { [file]: 'module.exports = () => true;' }, `./${file}`),
    ).rejects.toThrow(/json-schema-errors\.js was not/);
  });
});
