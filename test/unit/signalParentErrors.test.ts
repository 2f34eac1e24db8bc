import { describe, expect, it } from 'vitest';
import type { ParentSignal } from '../../src/closer/ParentSignal.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';
import { scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';
import { signalParentWith } from '../support/signalParentWith.ts';

const SUCCESS: ParentSignal = { kind: 'success', output: '{}', outputBytes: 2 };
const FAILURE: ParentSignal = { kind: 'failure', error: 'SubStep.Failed', cause: 'why' };

/** What signalParent throws when the first call of `signal` answers `answer`. */
async function thrownFor(signal: ParentSignal, answer: unknown): Promise<unknown> {
  const api =
    signal.kind === 'success'
      ? scriptedSfnApi({ success: [answer] })
      : scriptedSfnApi({ failure: [answer] });
  return signalParentWith(api, signal).then(
    () => {
      throw new Error('signalParent resolved');
    },
    (error: unknown) => error,
  );
}

describe('signalParent: what a refusal says', () => {
  it.each([
    [
      'name and message',
      serviceError('AccessDeniedException', 'not authorized'),
      'AccessDeniedException: not authorized',
    ],
    ['an empty message', serviceError('AccessDeniedException', ''), 'AccessDeniedException'],
    [
      'a message that repeats the name',
      serviceError('InvalidToken', 'InvalidToken'),
      'InvalidToken',
    ],
  ])('names the call and the error, with %s', async (_case, error, described) => {
    await expect(thrownFor(SUCCESS, error)).resolves.toMatchObject({
      name: 'Closer.ParentRejected',
      message: `Step Functions refused SendTaskSuccess: ${described}`,
      cause: error,
    });
  });

  it('names SendTaskFailure when a failure is refused', async () => {
    await expect(thrownFor(FAILURE, serviceError('InvalidToken', 'bad'))).resolves.toMatchObject({
      name: 'Closer.ParentRejected',
      message: 'Step Functions refused SendTaskFailure: InvalidToken: bad',
    });
  });

  it('masks the task token wherever a service message echoes it', async () => {
    const error = serviceError('InvalidToken', `Invalid token: ${PARENT_TOKEN} (${PARENT_TOKEN})`);
    await expect(thrownFor(SUCCESS, error)).resolves.toMatchObject({
      message:
        'Step Functions refused SendTaskSuccess: InvalidToken: Invalid token: [task token] ([task token])',
    });
  });
});

describe('signalParent: what an unreachable Step Functions says', () => {
  it('names the call and the error, with the error as its cause', async () => {
    const error = serviceError('ServiceUnavailable', 'try later', 503);
    await expect(thrownFor(FAILURE, error)).resolves.toMatchObject({
      name: 'Closer.ParentUnreachable',
      message: 'SendTaskFailure did not reach Step Functions: ServiceUnavailable: try later',
      cause: error,
    });
  });

  it('describes a thrown value that is not an Error by its text', async () => {
    await expect(thrownFor(SUCCESS, 'socket hang up')).resolves.toMatchObject({
      name: 'Closer.ParentUnreachable',
      message: 'SendTaskSuccess did not reach Step Functions: socket hang up',
    });
  });
});
