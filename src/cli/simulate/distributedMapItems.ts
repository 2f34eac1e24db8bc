import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';

/** What the simulator can run of a distributed Map, or why it cannot. */
export interface DistributedMapPlan {
  /** The items the config gives for its `ItemReader` (cut to `MaxItems`), when it has a reader. */
  readonly items?: readonly Json[];
  /** Its `ItemBatcher`'s limits, when it batches. */
  readonly batcher?: BatchLimits;
  /** What it uses that the simulator does not run (each is a `simulate` exit code 2). */
  readonly problems: readonly string[];
}

/** An `ItemBatcher`'s limits: at least one is set. */
export interface BatchLimits {
  readonly maxItems?: number;
  readonly maxBytes?: number;
}

/**
 * Plans a distributed Map's items for a simulation, where no S3 is read: an `ItemReader` reads
 * what the config's `items` gives under the Map's name (`ReaderConfig.MaxItems` applies), and an
 * `ItemBatcher` groups the items into batches (`batchItems`). What depends on S3 or on failed
 * iterations (`ResultWriter`, a tolerated failure) is refused with a reason, as are the `...Path`
 * forms of the limits.
 *
 * @example
 * planDistributedMap('Each', { Type: 'Map', ItemReader: {...} }, new Map([['Each', [1, 2]]]));
 * // { items: [1, 2], problems: [] }
 */
export function planDistributedMap(
  name: string,
  state: JsonObject,
  configItems: ReadonlyMap<string, readonly Json[]>,
): DistributedMapPlan {
  const problems: string[] = [];
  if ('ResultWriter' in state)
    problems.push(`${name}: ResultWriter is not simulated (it writes the Map's results to S3)`);
  for (const field of ['ToleratedFailurePercentage', 'ToleratedFailureCount']) {
    const value = state[field];
    if (value !== undefined && value !== 0)
      problems.push(
        `${name}: ${field} is not simulated (in a simulation, one failed iteration fails the Map)`,
      );
    if (`${field}Path` in state) problems.push(`${name}: ${field}Path is not simulated`);
  }
  const items = readerItems(name, state, configItems, problems);
  const batcher = batchLimits(name, state, problems);
  return {
    ...(items === undefined ? {} : { items }),
    ...(batcher === undefined ? {} : { batcher }),
    problems,
  };
}

function readerItems(
  name: string,
  state: JsonObject,
  configItems: ReadonlyMap<string, readonly Json[]>,
  problems: string[],
): readonly Json[] | undefined {
  const reader = state['ItemReader'];
  if (reader === undefined) return undefined;
  const given = configItems.get(name);
  if (given === undefined) {
    problems.push(
      `${name}: its ItemReader reads from S3, which the simulator does not: give the items in the config's "items" under "${name}"`,
    );
    return undefined;
  }
  const readerConfig = isJsonObject(reader) ? reader['ReaderConfig'] : undefined;
  if (isJsonObject(readerConfig) && 'MaxItemsPath' in readerConfig)
    problems.push(`${name}: ItemReader.ReaderConfig.MaxItemsPath is not simulated`);
  const maxItems = isJsonObject(readerConfig) ? readerConfig['MaxItems'] : undefined;
  if (maxItems !== undefined && typeof maxItems !== 'number')
    problems.push(`${name}: ItemReader.ReaderConfig.MaxItems other than a number is not simulated`);
  return typeof maxItems === 'number' && maxItems > 0 ? given.slice(0, maxItems) : given;
}

function batchLimits(name: string, state: JsonObject, problems: string[]): BatchLimits | undefined {
  const batcher = state['ItemBatcher'];
  if (!isJsonObject(batcher)) return undefined;
  for (const field of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']) {
    if (field in batcher) problems.push(`${name}: ItemBatcher.${field} is not simulated`);
  }
  if ('ItemSelector' in state)
    problems.push(`${name}: an ItemSelector with an ItemBatcher is not simulated`);
  const maxItems = batcher['MaxItemsPerBatch'];
  const maxBytes = batcher['MaxInputBytesPerBatch'];
  for (const [field, value] of [
    ['MaxItemsPerBatch', maxItems],
    ['MaxInputBytesPerBatch', maxBytes],
  ] as const) {
    if (value !== undefined && typeof value !== 'number')
      problems.push(`${name}: ItemBatcher.${field} other than a number is not simulated`);
  }
  return {
    ...(typeof maxItems === 'number' ? { maxItems } : {}),
    ...(typeof maxBytes === 'number' ? { maxBytes } : {}),
  };
}

/**
 * Groups items into batches, in order, as `ItemBatcher` does: a batch takes items while it holds
 * fewer than `maxItems` and its JSON (`{"Items": [...]}`, with `batchInput` when given) stays
 * within `maxBytes`. An item too large for a batch of its own still gets one.
 *
 * @example
 * batchItems([1, 2, 3], { maxItems: 2 }); // [[1, 2], [3]]
 */
export function batchItems(
  items: readonly Json[],
  limits: BatchLimits,
  batchInput?: Json,
): Json[][] {
  const batches: Json[][] = [];
  let current: Json[] = [];
  const bytes = (batch: Json[]) =>
    Buffer.byteLength(
      JSON.stringify(
        batchInput === undefined ? { Items: batch } : { Items: batch, BatchInput: batchInput },
      ),
      'utf8',
    );
  for (const item of items) {
    const candidate = [...current, item];
    const tooMany = limits.maxItems !== undefined && candidate.length > limits.maxItems;
    const tooBig = limits.maxBytes !== undefined && bytes(candidate) > limits.maxBytes;
    if (current.length > 0 && (tooMany || tooBig)) {
      batches.push(current);
      current = [item];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
