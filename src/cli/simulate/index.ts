/**
 * The public test API: `import { simulate } from 'sub-step-closer/simulate'` runs a parent state
 * machine and the children it starts, locally, from a user's own test suite. Everything a caller
 * names is exported here by name; the rest of this folder is internal.
 */
export type { Json, JsonObject } from '../check/Json.ts';
export type { SignalRecord } from './callbackEndpoint.ts';
export { SimulatedTaskError, SimulationInputError } from './errors.ts';
export type { LocalFunction, LocalFunctionContext, SimLimits } from './SimConfig.ts';
export type { EventOrigin, ExecutionStatus, SimEvent, StartedBy } from './SimEvent.ts';
export type { ExecutionResult, SimSignal, SimulationResult } from './SimulationResult.ts';
export { type SimulateOptions, simulate } from './simulate.ts';
