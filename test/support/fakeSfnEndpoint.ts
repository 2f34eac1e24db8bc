import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A scriptable Step Functions endpoint (awsJson1_0 over HTTP on 127.0.0.1) for tests that use the
 * real SDK. Each request takes the next scripted reply, or the responder's answer when the
 * script is empty; every request is recorded with its signature headers.
 */
export type Reply =
  /** 200 with a JSON body (default `{}`). */
  | { readonly kind: 'ok'; readonly body?: object }
  /** A named AWS error, as awsJson1_0 encodes it (`__type`), with HTTP 400 unless given. */
  | {
      readonly kind: 'error';
      readonly type: string;
      readonly message?: string;
      readonly status?: number;
    }
  /** A bare status, for 500/503 without a recognisable error type. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Answer later. */
  | { readonly kind: 'delay'; readonly ms: number; readonly then: Reply }
  /** Never answer (until the endpoint closes). */
  | { readonly kind: 'hang' }
  /** Cut the connection without an answer. */
  | { readonly kind: 'reset' }
  /**
   * Process the request, then cut the connection: a lost response. `after` is what the service
   * decided and never sent (default `ok`: the signal landed).
   */
  | { readonly kind: 'lost-response'; readonly after?: Reply }
  /** Send a 200 whose body stops half way. */
  | { readonly kind: 'truncated' };

export interface RecordedRequest {
  /** `SendTaskSuccess`, `SendTaskFailure`, `DescribeExecution`, ... from `X-Amz-Target`. */
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
  /** The reply this request got. */
  readonly reply: Reply;
  /** Whether the request's connection is still open (a hung request's stays open until aborted). */
  connectionOpen(): boolean;
}

export type Responder = (operation: string, body: Record<string, unknown>) => Reply;

export interface FakeSfnEndpoint {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_SFN`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queues replies for the next requests, in order. */
  script(...replies: Reply[]): void;
  /** Sets what answers once the script is used up. */
  respondWith(responder: Responder): void;
  /** Forgets recorded requests and scripted replies, and restores the default responder. */
  reset(): void;
  close(): Promise<void>;
}

const ok: Responder = () => ({ kind: 'ok' });

/**
 * Answers as Step Functions does for task tokens: the first signal for a token closes its task,
 * and any later signal for it gets `TaskTimedOut`.
 */
export function tokenClosingResponder(): Responder {
  const closed = new Set<unknown>();
  return (operation, body) => {
    if (!isSignal(operation)) return { kind: 'ok' };
    if (closed.has(body['taskToken'])) {
      return { kind: 'error', type: 'TaskTimedOut', message: 'Task Timed Out' };
    }
    closed.add(body['taskToken']);
    return { kind: 'ok' };
  };
}

/** `reply`, sent `ms` milliseconds after the request arrived (the request is processed at once). */
export function delayed(ms: number, reply: Reply): Reply {
  // biome-ignore lint/suspicious/noThenProperty: `then` is this Reply's field name, kept for existing suites.
  return { kind: 'delay', ms, then: reply };
}

/**
 * Loses the answers to the first `count` signals: `responder` still decides each one (so
 * `tokenClosingResponder` closes the token), then the connection is cut before the answer is sent.
 * Later requests get `responder`'s answer.
 */
export function withLostResponses(count: number, responder: Responder): Responder {
  let lost = 0;
  return (operation, body) => {
    const reply = responder(operation, body);
    if (lost >= count || !isSignal(operation)) return reply;
    lost += 1;
    return { kind: 'lost-response', after: reply };
  };
}

function isSignal(operation: string): boolean {
  return operation === 'SendTaskSuccess' || operation === 'SendTaskFailure';
}

export async function startFakeSfnEndpoint(): Promise<FakeSfnEndpoint> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let responder: Responder = ok;
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.indexOf('.') + 1);
      const body = parseBody(Buffer.concat(chunks).toString('utf8'));
      const reply = queue.shift() ?? responder(operation, body);
      const { socket } = request;
      requests.push({
        operation,
        body,
        headers: request.headers,
        reply,
        connectionOpen: () => !socket.destroyed,
      });
      answer(response, reply);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (next) => {
      responder = next;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      responder = ok;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(response: ServerResponse, reply: Reply): void {
  switch (reply.kind) {
    case 'ok':
      sendJson(response, 200, reply.body ?? {});
      return;
    case 'error':
      sendJson(response, reply.status ?? 400, {
        __type: `com.amazonaws.swf.service.v2.model#${reply.type}`,
        message: reply.message ?? reply.type,
      });
      return;
    case 'status':
      response.writeHead(reply.status, { 'content-type': 'text/plain' });
      response.end(reply.body ?? '');
      return;
    case 'delay':
      setTimeout(() => answer(response, reply.then), reply.ms).unref();
      return;
    case 'hang':
      return;
    case 'reset':
    case 'lost-response':
      response.socket?.destroy();
      return;
    case 'truncated': {
      const body = '{"output": "this body is cut short';
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(body.length + 40),
      });
      response.write(body);
      setTimeout(() => response.socket?.destroy(), 5).unref();
      return;
    }
    default:
      assertNever(reply);
  }
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': 'fake-request-id',
  });
  response.end(text);
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled reply: ${JSON.stringify(value)}`);
}
