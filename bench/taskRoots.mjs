import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where Lambda puts a function's code (LAMBDA_TASK_ROOT in the nodejs22.x image). */
export const LAMBDA_TASK_ROOT = '/var/task';

/**
 * The home folder the SDK finds in Lambda, which sets no HOME: `os.homedir()` of the sandbox
 * user, as reported by users (github.com/gkrizek/bash-lambda-layer/issues/42).
 */
export const LAMBDA_HOME = '/home/sbx_user1051';

/**
 * Folders to run handlers from as Lambda runs them from `/var/task`: each is a path of the same
 * length where the system temp folder allows it (`/tmp/` and 4 characters), so that the cold
 * sides see Lambda's path lengths, not a long temp folder's.
 *
 * Why the length matters: Node's module loader and the SDK's config loader normalise every
 * module and config path one character at a time (`path.resolve`). Past some amount of that work
 * in one process, V8 optimises the normaliser with TurboFan, which pages in about 5 MiB of the
 * `node` binary and compiles on a second thread. A cold signal of the Closer crosses that line
 * from a 40-character temp folder and stays below it from `/var/task`; the naive handler, with
 * hundreds of SDK modules, crosses it from either. docs/performance.md has the measurements.
 *
 * @example
 * const roots = new TaskRoots();
 * const closer = roots.create(); // extract the zip into it
 * roots.removeAll();
 */
export class TaskRoots {
  #roots = [];

  /** A new empty folder, `/tmp/` and 4 random characters on Linux. */
  create() {
    for (let attempt = 0; ; attempt++) {
      const root = join(tmpdir(), randomBytes(3).toString('base64url'));
      try {
        mkdirSync(root);
        this.#roots.push(root);
        return root;
      } catch (error) {
        if (error.code !== 'EEXIST' || attempt >= 20) throw error;
      }
    }
  }

  /**
   * A path as long as Lambda's home folder (LAMBDA_HOME) where the temp folder allows it, for
   * HOME: the SDK joins it into its config file paths, which it normalises as it does modules.
   * The folder itself is not created.
   */
  createHomePath() {
    const root = this.create();
    return join(root, 'x'.repeat(Math.max(1, LAMBDA_HOME.length - root.length - 1)));
  }

  /** The length of the folders `create` makes, to print beside Lambda's. */
  get pathLength() {
    return join(tmpdir(), 'xxxx').length;
  }

  removeAll() {
    for (const root of this.#roots.splice(0)) rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Deploys `handlerFile` as `index.mjs` of a new task root, with the packages it imports (and
 * theirs) copied from `nodeModules` into the root's `node_modules`, as a user's deployment
 * package of the handler would hold them. Returns the handler's path.
 *
 * @example
 * const naive = deployHandler(roots, 'bench/handlers/naiveHandler.mjs', ['@aws-sdk/client-sfn'], 'node_modules');
 */
export function deployHandler(roots, handlerFile, packages, nodeModules) {
  const root = roots.create();
  copyFileSync(handlerFile, join(root, 'index.mjs'));
  const copied = new Set();
  const visited = new Set();
  const copy = (name, from) => {
    // A package nested in another's node_modules travels with that package's folder.
    const nested = join(from, 'node_modules', name);
    if (existsSync(nested)) return visit(nested);
    if (copied.has(name)) return;
    copied.add(name);
    const source = join(nodeModules, name);
    const target = join(root, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
    visit(source);
  };
  const visit = (folder) => {
    if (visited.has(folder)) return;
    visited.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    for (const name of Object.keys(manifest.dependencies ?? {})) copy(name, folder);
  };
  for (const name of packages) copy(name, nodeModules);
  return join(root, 'index.mjs');
}
