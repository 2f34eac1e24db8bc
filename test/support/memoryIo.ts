import type { CliIo } from '../../src/cli/CliIo.ts';

/** A CliIo that keeps what a command printed, for in-process command tests. */
export interface MemoryIo {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

/**
 * Creates a CliIo that records stdout and stderr.
 *
 * @example
 * const { io, stdout } = memoryIo();
 * await statesCommand(['--closer-arn', arn], io);
 * JSON.parse(stdout());
 */
export function memoryIo(isTTY = false): MemoryIo {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      isTTY,
    },
    stdout: () => out,
    stderr: () => err,
  };
}
