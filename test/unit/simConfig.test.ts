import { describe, expect, it } from 'vitest';
import { SimulationInputError } from '../../src/cli/simulate/errors.ts';
import { DEFAULT_CLOSER_ENTRIES, parseSimConfig } from '../../src/cli/simulate/SimConfig.ts';

describe('parseSimConfig', () => {
  it('gives the defaults for an empty config', () => {
    const config = parseSimConfig({}, '/base');

    expect(config.closer).toEqual(DEFAULT_CLOSER_ENTRIES);
    expect(config.speed).toEqual({ waitScale: 0, retryScale: 0 });
    expect(config.lambda).toEqual({ timeoutMs: 30_000, environment: {} });
    expect(config.tasks.size).toBe(0);
  });

  it('reads the three kinds of task mapping and resolves module paths against the base folder', () => {
    const config = parseSimConfig(
      {
        tasks: {
          A: { result: { ok: true } },
          B: { error: 'Work.Failed', cause: 'no stock' },
          C: { module: './fn.mjs', export: 'run' },
          D: { result: null },
        },
      },
      '/base/sim',
    );

    expect(config.tasks.get('A')).toEqual({ kind: 'result', result: { ok: true } });
    expect(config.tasks.get('B')).toEqual({
      kind: 'error',
      error: 'Work.Failed',
      cause: 'no stock',
    });
    expect(config.tasks.get('C')).toEqual({
      kind: 'module',
      file: '/base/sim/fn.mjs',
      exportName: 'run',
    });
    expect(config.tasks.get('D')).toEqual({ kind: 'result', result: null });
  });

  it('resolves child files, the closer zip and the lambda settings', () => {
    const config = parseSimConfig(
      {
        children: { Child: '../child.asl.json' },
        closerZip: 'build/closer.zip',
        lambda: { timeoutSeconds: 3, environment: { CLOSER_FAIL_ON_ERRORS: 'true' } },
        endpoint: {
          faults: [{ type: 'ThrottlingException' }, { type: 'ServiceUnavailable', status: 503 }],
        },
      },
      '/base/sim',
    );

    expect(config.children.get('Child')).toBe('/base/child.asl.json');
    expect(config.closerZip).toBe('/base/sim/build/closer.zip');
    expect(config.lambda).toEqual({
      timeoutMs: 3000,
      environment: { CLOSER_FAIL_ON_ERRORS: 'true' },
    });
    expect(config.faults).toEqual([
      { type: 'ThrottlingException' },
      { type: 'ServiceUnavailable', status: 503 },
    ]);
  });

  it.each([
    ['a config that is not an object', []],
    ['an unknown key', { tasks: {}, speeds: {} }],
    ['a task with two kinds', { tasks: { A: { result: 1, error: 'E' } } }],
    ['a task with no kind', { tasks: { A: { cause: 'x' } } }],
    ['an empty error name', { tasks: { A: { error: '' } } }],
    ['a closer list of non-strings', { closer: [1] }],
    ['a negative wait scale', { speed: { waitScale: -1 } }],
    ['a non-string environment value', { lambda: { environment: { A: 1 } } }],
    ['a fault status that is not an error', { endpoint: { faults: [{ type: 'X', status: 200 }] } }],
  ])('rejects %s', (_label, raw) => {
    expect(() => parseSimConfig(raw, '/base')).toThrow(SimulationInputError);
  });
});

describe('parseSimConfig: the safety net, Express children and stops', () => {
  it('deploys the safety-net rule for every child by default, as the example template does', () => {
    const config = parseSimConfig({}, '/base');

    expect(config.safetyNet).toEqual({ kind: 'all' });
    expect(config.express).toEqual([]);
    expect(config.abort).toEqual([]);
  });

  it.each([
    [true, { kind: 'all' }],
    [false, { kind: 'none' }],
    [['Child'], { kind: 'named', children: ['Child'] }],
  ])('reads safetyNet %j', (safetyNet, rule) => {
    expect(parseSimConfig({ safetyNet }, '/base').safetyNet).toEqual(rule);
  });

  it('reads stops with their optional error and cause', () => {
    const config = parseSimConfig(
      {
        express: ['Fast'],
        abort: [
          { stateMachine: 'Child', afterSeconds: 30, error: 'Ops.Stop', cause: 'by hand' },
          { stateMachine: 'Parent', afterSeconds: 0 },
        ],
      },
      '/base',
    );

    expect(config.express).toEqual(['Fast']);
    expect(config.abort).toEqual([
      { stateMachine: 'Child', afterSeconds: 30, error: 'Ops.Stop', cause: 'by hand' },
      { stateMachine: 'Parent', afterSeconds: 0 },
    ]);
  });

  it.each([
    [{ safetyNet: 'yes' }, /"safetyNet" must be true, false or an array of child names/],
    [{ express: 'Fast' }, /"express" must be an array of child names/],
    [{ abort: {} }, /"abort" must be an array/],
    [{ abort: [{ afterSeconds: 1 }] }, /abort\[0\]\.stateMachine must name the parent or a child/],
    [{ abort: [{ stateMachine: 'C', afterSeconds: -1 }] }, /abort\[0\]\.afterSeconds must be/],
    [
      { abort: [{ stateMachine: 'C', afterSeconds: 1, error: 'x'.repeat(257) }] },
      /abort\[0\]\.error must be a string of at most 256 characters/,
    ],
  ])('refuses %j with a named error', (raw, message) => {
    expect(() => parseSimConfig(raw, '/base')).toThrow(SimulationInputError);
    expect(() => parseSimConfig(raw, '/base')).toThrow(message);
  });
});
