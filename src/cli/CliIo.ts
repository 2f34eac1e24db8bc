/**
 * What a CLI command may touch of the outside world. Commands receive it instead of reaching for
 * `process` so tests can run them in-process and read what they printed.
 */
export interface CliIo {
  /** Results: the only channel a script should parse. */
  stdout(text: string): void;
  /** Diagnostics and human-readable problems. */
  stderr(text: string): void;
  /** Colour is used only when stdout is a terminal. */
  readonly isTTY: boolean;
}

/** A command takes its own arguments (after the sub-command name) and resolves to an exit code. */
export type CliCommand = (args: readonly string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every sub-command; the README documents them in one table. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT): 128 + the signal's number 2, as shells report it. */
  interrupted: 130,
} as const;

/** The process-backed CliIo used by the real binary. */
export const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  isTTY: process.stdout.isTTY === true,
};
