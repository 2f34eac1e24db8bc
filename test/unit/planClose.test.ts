import { describe, expect, it } from 'vitest';
import { OUTPUT_MAX_BYTES } from '../../src/closer/apiLimits.ts';
import { planClose } from '../../src/closer/planClose.ts';
import { readCloseRequest } from '../../src/closer/readCloseRequest.ts';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';

const plan = (event: unknown) => planClose(readCloseRequest(event), DEFAULT_CONFIG);

/** A payload whose success output (token removed) is exactly `bytes` bytes of UTF-8. */
function payloadWithOutputBytes(bytes: number, filler: string): Record<string, unknown> {
  const base = closerInput({ withParent: true, initial: { text: '' } });
  const emptyBytes = Buffer.byteLength(
    JSON.stringify(
      plan(base).signal?.kind === 'success'
        ? JSON.parse((plan(base).signal as { output: string }).output)
        : {},
    ),
  );
  const fillerBytes = Buffer.byteLength(filler);
  const room = bytes - emptyBytes;
  const text = filler.repeat(Math.floor(room / fillerBytes)) + 'a'.repeat(room % fillerBytes);
  return closerInput({ withParent: true, initial: { text } });
}

describe('planClose', () => {
  it('plans no signal for a standalone run', () => {
    expect(plan(closerInput())).toEqual({ verdict: { message: 'SUCCEEDED' }, signal: undefined });
  });

  it('plans SendTaskSuccess with the payload minus the token', () => {
    const result = plan(closerInput({ withParent: true }));
    expect(result.signal?.kind).toBe('success');
    const output = result.signal?.kind === 'success' ? result.signal.output : '';
    expect(output).not.toContain(PARENT_TOKEN);
    expect(JSON.parse(output)).toMatchObject({ initial: { orderId: 'o-42' } });
  });

  it('plans SendTaskFailure for a failed child', () => {
    expect(plan(closerInput({ withParent: true, status: false })).signal).toMatchObject({
      kind: 'failure',
      error: 'SubStep.Failed',
    });
  });

  it('plans no call for a malformed token but still fails the verdict', () => {
    const result = plan(closerInput({ token: '' }));
    expect(result.signal).toBeUndefined();
    expect(result.verdict).toMatchObject({ message: 'FAILED', error: 'SubStep.InvalidPayload' });
  });

  it('sends exactly 262,144 bytes of multibyte output as a success', () => {
    const result = plan(payloadWithOutputBytes(OUTPUT_MAX_BYTES, '€'));
    expect(result.signal).toMatchObject({ kind: 'success', outputBytes: OUTPUT_MAX_BYTES });
  });

  it('fails with SubStep.OutputTooLarge one byte over the limit', () => {
    const result = plan(payloadWithOutputBytes(OUTPUT_MAX_BYTES + 1, '€'));
    expect(result.verdict).toMatchObject({ message: 'FAILED', error: 'SubStep.OutputTooLarge' });
    expect(result.signal).toMatchObject({ kind: 'failure', error: 'SubStep.OutputTooLarge' });
    const cause = result.signal?.kind === 'failure' ? JSON.parse(result.signal.cause) : {};
    expect(cause).toMatchObject({
      outputBytes: OUTPUT_MAX_BYTES + 1,
      limitBytes: OUTPUT_MAX_BYTES,
    });
  });

  it('counts bytes, not characters: 100,000 three-byte characters are too large', () => {
    const result = plan(closerInput({ withParent: true, initial: { text: '€'.repeat(100_000) } }));
    expect(result.verdict).toMatchObject({ error: 'SubStep.OutputTooLarge' });
  });

  it('ignores the output size when no parent waits for it', () => {
    const result = plan(closerInput({ initial: { text: 'x'.repeat(OUTPUT_MAX_BYTES + 10) } }));
    expect(result.verdict).toEqual({ message: 'SUCCEEDED' });
  });

  it('fails with SubStep.InvalidPayload when meta.outputPath selects nothing', () => {
    const result = plan(closerInput({ withParent: true, meta: { outputPath: '$.missing' } }));
    expect(result.signal).toMatchObject({ kind: 'failure', error: 'SubStep.InvalidPayload' });
  });

  it('sends only the meta.outputPath selection', () => {
    const result = plan(closerInput({ withParent: true, meta: { outputPath: '$.initial' } }));
    expect(result.signal).toMatchObject({ kind: 'success', output: '{"orderId":"o-42"}' });
  });
});
