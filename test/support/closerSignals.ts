import type { SimSignal, SimulationResult } from '../../src/cli/simulate/SimulationResult.ts';

/**
 * The requests the children's Closers sent, without the safety net's: a failed child also ends
 * FAILED, so the simulated safety net runs after its Closer and sends its own (late) signal.
 */
export function closerSignals(result: Pick<SimulationResult, 'signals'>): SimSignal[] {
  return result.signals.filter((signal) => signal.source === 'closer');
}

/** The safety net's requests, in order. */
export function safetyNetSignals(result: Pick<SimulationResult, 'signals'>): SimSignal[] {
  return result.signals.filter((signal) => signal.source === 'safety-net');
}
