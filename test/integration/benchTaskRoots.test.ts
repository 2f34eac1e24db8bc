// The bench's task roots: where its cold sides run, as Lambda holds a function in /var/task.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

interface TaskRootsApi {
  TaskRoots: new () => {
    create(): string;
    createHomePath(): string;
    readonly pathLength: number;
    removeAll(): void;
  };
  deployHandler(
    roots: InstanceType<TaskRootsApi['TaskRoots']>,
    handlerFile: string,
    packages: string[],
    nodeModules: string,
  ): string;
  LAMBDA_TASK_ROOT: string;
  LAMBDA_HOME: string;
}

// A path in a variable: the module is plain JavaScript shared with the bench.
const MODULE: string = '../../bench/taskRoots.mjs';
const api = (await import(MODULE)) as TaskRootsApi;
let roots = new api.TaskRoots();
afterEach(() => {
  roots.removeAll();
  roots = new api.TaskRoots();
});

describe('TaskRoots', () => {
  it('creates distinct empty folders in the temp folder, as long as /var/task on /tmp', () => {
    const first = roots.create();
    const second = roots.create();

    expect(first).not.toBe(second);
    expect(dirname(first)).toBe(tmpdir());
    expect(first).toHaveLength(roots.pathLength);
    if (tmpdir() === '/tmp') expect(first).toHaveLength(api.LAMBDA_TASK_ROOT.length);
  });

  it('makes a home path as long as Lambda’s home folder on /tmp, without creating it', () => {
    const home = roots.createHomePath();

    expect(existsSync(home)).toBe(false);
    expect(existsSync(dirname(home))).toBe(true);
    if (tmpdir() === '/tmp') expect(home).toHaveLength(api.LAMBDA_HOME.length);
  });

  it('removes every folder it made', () => {
    const folders = [roots.create(), roots.create()];

    roots.removeAll();

    expect(folders.filter((folder) => existsSync(folder))).toEqual([]);
  });
});

describe('deployHandler', () => {
  it('deploys a handler as index.mjs with the packages it imports, resolved from its own root', async () => {
    const handler = api.deployHandler(
      roots,
      'bench/handlers/naiveHandler.mjs',
      ['@aws-sdk/client-sfn'],
      'node_modules',
    );
    const root = dirname(handler);

    expect(readFileSync(handler, 'utf8')).toBe(
      readFileSync('bench/handlers/naiveHandler.mjs', 'utf8'),
    );
    // Every package the SDK client needs is in the root: nothing resolves to this checkout.
    const resolved = import.meta.resolve('@aws-sdk/client-sfn', pathToFileURL(handler).href);
    expect(realpathSync(new URL(resolved)).startsWith(realpathSync(root) + sep)).toBe(true);
    for (const name of ['@smithy/core', '@aws-sdk/core', 'tslib']) {
      expect(existsSync(join(root, 'node_modules', name, 'package.json')), name).toBe(true);
    }
    const module = (await import(pathToFileURL(handler).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  it('deploys a handler that imports nothing with no node_modules', () => {
    const handler = api.deployHandler(roots, 'bench/handlers/emptyHandler.mjs', [], 'node_modules');

    expect(existsSync(join(dirname(handler), 'node_modules'))).toBe(false);
  });
});
