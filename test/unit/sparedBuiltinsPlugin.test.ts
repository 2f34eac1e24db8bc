import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { importBundle } from '../support/importBundle.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SERDE = 'node_modules/@smithy/core/dist-es/submodules/serde';
const STREAM_TYPE_CHECK = `${SERDE}/util-stream/stream-type-check.js`;
const UUID_V4 = `${SERDE}/uuid/v4.js`;
const READ_FILE =
  'node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/readFile.js';

interface Rewrite {
  readonly file: RegExp;
  readonly find: string;
}
const { sparedBuiltinsPlugin, REWRITES, applyRewrite } = (await import(
  pathToFileURL(join(ROOT, 'build', 'sparedBuiltinsPlugin.mjs')).href
)) as {
  sparedBuiltinsPlugin: () => Plugin;
  REWRITES: readonly Rewrite[];
  applyRewrite: (rewrite: Rewrite, source: string, path: string) => string;
};

const temp = mkdtempSync(join(tmpdir(), 'spared-builtins-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** One `@smithy/core` file, bundled as the Lambda build does, with or without the rewrites. */
function load<T>(file: string, rewritten: boolean): Promise<T> {
  return importBundle<T>(join(ROOT, file), rewritten ? [sparedBuiltinsPlugin()] : []);
}

type StreamTypeCheck = { isReadableStream: (value: unknown) => boolean };

describe('sparedBuiltinsPlugin', () => {
  it('finds each line it rewrites exactly once in the installed @smithy/core', () => {
    const files = [STREAM_TYPE_CHECK, READ_FILE, UUID_V4];
    for (const rewrite of REWRITES) {
      const file = files.find((candidate) => rewrite.file.test(join(ROOT, candidate)));
      expect(file, String(rewrite.file)).toBeDefined();
      const source = readFileSync(join(ROOT, file ?? ''), 'utf8');
      expect(source.split(rewrite.find)).toHaveLength(2);
    }
  });

  it('stops the build, naming the file, when @smithy/core no longer has the line', () => {
    const [rewrite] = REWRITES;
    if (rewrite === undefined) throw new Error('no rewrites');
    expect(() =>
      applyRewrite(rewrite, 'export const somethingElse = 1;', '/x/stream-type-check.js'),
    ).toThrow(
      /spared-builtins: \/x\/stream-type-check\.js no longer contains the line it rewrites/,
    );
    expect(() =>
      applyRewrite(rewrite, `${rewrite.find}\n${rewrite.find}`, '/x/stream-type-check.js'),
    ).toThrow(/no longer contains the line it rewrites/);
  });

  it('answers isReadableStream as the SDK does, for Node streams, web streams and look-alikes', async () => {
    const original = await load<StreamTypeCheck>(STREAM_TYPE_CHECK, false);
    const rewritten = await load<StreamTypeCheck>(STREAM_TYPE_CHECK, true);
    // node:stream/web's class is the global ReadableStream; its overloaded type cannot be extended.
    class WebSubclass extends (WebReadableStream as new () => object) {}
    // A Node stream named like a web stream: the SDK's name check calls it one; so must we.
    const NamedLikeWeb = { ReadableStream: class extends Readable {} }.ReadableStream;
    const values: Record<string, unknown> = {
      'Node Readable': Readable.from(['a']),
      'Node PassThrough': new PassThrough(),
      'Node Readable named ReadableStream': new NamedLikeWeb({ read() {} }),
      'web ReadableStream': new WebReadableStream(),
      'web ReadableStream subclass': new WebSubclass(),
      'web stream from Node (toWeb)': Readable.toWeb(Readable.from(['a'])),
      'plain object named ReadableStream': { constructor: { name: 'ReadableStream' } },
      Blob: new Blob(['a']),
      'plain object': {},
      string: 'body',
      null: null,
      undefined: undefined,
    };
    const answers = (check: StreamTypeCheck) =>
      Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, check.isReadableStream(value)]),
      );

    expect(answers(rewritten)).toEqual(answers(original));
    expect(answers(rewritten)).toMatchObject({
      'Node Readable': false,
      'Node Readable named ReadableStream': true,
      'web ReadableStream subclass': true,
    });
  });

  it('reads shared config files as the SDK does: same text, same error, same cache', async () => {
    type ReadFile = {
      readFile: (path: string, options?: { ignoreCache?: boolean }) => Promise<string>;
    };
    const original = await load<ReadFile>(READ_FILE, false);
    const rewritten = await load<ReadFile>(READ_FILE, true);
    const config = join(temp, 'config');
    writeFileSync(config, '[default]\nregion = eu-west-1 ✓\n');
    const missing = join(temp, 'missing', 'config');
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: NodeJS.ErrnoException) => ({
          name: error.name,
          code: error.code,
          errno: error.errno,
          syscall: error.syscall,
          path: error.path,
        }),
      );

    expect(await rewritten.readFile(config)).toBe(await original.readFile(config));
    expect(await failure(rewritten.readFile(missing))).toEqual(
      await failure(original.readFile(missing)),
    );
    writeFileSync(config, '[default]\nregion = us-east-2\n');
    // Cached until asked not to, as before.
    expect(await rewritten.readFile(config)).toContain('eu-west-1');
    expect(await rewritten.readFile(config, { ignoreCache: true })).toContain('us-east-2');
  });

  it('still makes random version 4 UUIDs for the invocation id', async () => {
    type UuidV4 = { bindV4: (getRandomValues: (bytes: Uint8Array) => void) => () => string };
    const { bindV4 } = await load<UuidV4>(UUID_V4, true);
    const v4 = bindV4(() => {
      throw new Error('not needed on Node 22: node:crypto has randomUUID');
    });
    const ids = Array.from({ length: 100 }, () => v4());

    expect(new Set(ids).size).toBe(100);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
