/**
 * The program of one simulated Lambda container, run with `new Worker(source, { eval: true })`.
 * It is a string, not a module, so the bundled CLI needs no second file: a worker thread has its
 * own module graph and `process.env`, which is what a warm Lambda container is to the handler.
 *
 * Protocol: the main thread posts `{ id, handlerUrl, exportName, event, timeoutMs, context }`; the
 * worker loads the handler (the init phase, on the first invocation only), posts `{ id, started }`
 * when the handler starts and its timeout begins, then answers `{ id, ok: true, json }` or
 * `{ id, ok: false, errorType, errorMessage, trace }`, as the Lambda runtime reports a handler's
 * result or thrown error. Every write to stdout or stderr arrives as `{ log }`.
 */
export const LAMBDA_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
// Log lines travel on the same port as results, so each arrives before the result it preceded.
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    parentPort.postMessage({ log: String(chunk) });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
}
let loading;
parentPort.on('message', async (message) => {
  const { id, handlerUrl, exportName, event, timeoutMs, context: fields } = message;
  let deadline = Date.now() + timeoutMs;
  const context = {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    loading ??= import(handlerUrl).then((module) => {
      const handler = module[exportName];
      if (typeof handler !== 'function') {
        const error = new Error(exportName + ' is not a function exported by ' + handlerUrl);
        error.name = 'Runtime.HandlerNotFound';
        throw error;
      }
      return handler;
    }, (cause) => {
      const error = new Error(String(cause && cause.message));
      error.name = 'Runtime.ImportModuleError';
      throw error;
    });
    const handler = await loading;
    // As on Lambda, the function timeout counts from the handler's start, not the init phase.
    deadline = Date.now() + timeoutMs;
    parentPort.postMessage({ id, started: true });
    const result = await handler(event, context);
    // The Lambda runtime serialises the result to JSON; undefined becomes null.
    parentPort.postMessage({ id, ok: true, json: JSON.stringify(result) ?? 'null' });
  } catch (error) {
    const isError = error instanceof Error;
    parentPort.postMessage({
      id,
      ok: false,
      errorType: isError ? error.name : 'Error',
      errorMessage: isError ? error.message : String(error),
      trace: isError && typeof error.stack === 'string' ? error.stack.split('\\n') : [],
    });
  }
});
`;
