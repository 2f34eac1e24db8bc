/** Fields of one structured log line. Values must never include a task token or a payload. */
export type LogFields = Readonly<Record<string, unknown>>;

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

/** Where log lines go; tests pass their own to read what was logged. */
export type LogWriter = (line: string) => void;

const SERVICE = 'sub-step-closer';

// Written straight to stdout as one JSON line, as Powertools' Logger does: Lambda's JSON log
// format passes such lines through, where console.log would wrap them in another document.
const stdoutWriter: LogWriter = (line) => {
  process.stdout.write(line);
};

/**
 * Writes one structured JSON log line.
 *
 * @example
 * writeLog('INFO', 'sub step closed', { verdict: 'SUCCEEDED', durationMs: 12 });
 */
export function writeLog(
  level: LogLevel,
  message: string,
  fields: LogFields,
  write: LogWriter = stdoutWriter,
): void {
  write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, service: SERVICE, message, ...fields })}\n`,
  );
}

/** Writes one log line of an invocation; the invocation's own fields are added to each. */
export type InvocationLog = (level: LogLevel, message: string, fields: LogFields) => void;

/**
 * Binds `writeLog` to one invocation: every line carries `invocationFields` and the milliseconds
 * since `startedAt` (`durationMs`), so each handler logs the same way.
 *
 * @example
 * const log = invocationLog({ requestId: context.awsRequestId }, Date.now());
 * log('INFO', 'sub step closed', { verdict: 'SUCCEEDED' });
 */
export function invocationLog(
  invocationFields: LogFields,
  startedAt: number,
  write?: LogWriter,
): InvocationLog {
  return (level, message, fields) =>
    writeLog(
      level,
      message,
      { ...invocationFields, ...fields, durationMs: Date.now() - startedAt },
      write,
    );
}

/**
 * A fingerprint that lets an operator match a token across log lines without revealing it: its
 * length, and its last 6 characters only when the token is long enough that 6 characters are a
 * small part of it (real task tokens run to hundreds of characters).
 *
 * @example
 * fingerprintToken('AQB...(600 chars)...x1y2z3'); // 'len=600;…x1y2z3'
 */
export function fingerprintToken(token: string): string {
  return token.length >= 64 ? `len=${token.length};…${token.slice(-6)}` : `len=${token.length}`;
}
