import { expect, vi } from 'vitest';

/**
 * Captures what the handler writes to stdout (its structured log lines) for the current test.
 * `restoreMocks` in vitest.config.ts puts stdout back after each test.
 */
export function captureLogs(): { lines: () => string[]; records: () => Record<string, unknown>[] } {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
  return {
    lines,
    records: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** What a log record's embedded metric format directive says, read back from the record. */
export interface EmbeddedMetrics {
  readonly timestamp: number;
  readonly namespace: string;
  readonly dimensionSets: readonly (readonly string[])[];
  /** Each dimension the directive names, with its value: the record's top-level member. */
  readonly dimensions: Readonly<Record<string, unknown>>;
  /** Each metric the directive names, with its value: the record's top-level member. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly units: Readonly<Record<string, unknown>>;
}

/**
 * Reads a record as an EMF document (one directive, as this function writes), the way
 * CloudWatch Logs does: the directive in `_aws` names the members of the root node that hold the
 * dimension and metric values. Fails the test if `_aws` is not shaped as the specification says.
 */
export function embeddedMetrics(record: Record<string, unknown>): EmbeddedMetrics {
  const aws = record['_aws'] as {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: MetricDefinition[] }[];
  };
  expect(aws).toEqual({
    Timestamp: expect.any(Number),
    CloudWatchMetrics: [
      {
        Namespace: expect.any(String),
        Dimensions: expect.any(Array),
        Metrics: expect.any(Array),
      },
    ],
  });
  const [directive] = aws.CloudWatchMetrics;
  if (directive === undefined) throw new Error('no MetricDirective');
  const names = directive.Metrics.map((metric) => metric.Name);
  return {
    timestamp: aws.Timestamp,
    namespace: directive.Namespace,
    dimensionSets: directive.Dimensions,
    dimensions: pick(record, directive.Dimensions.flat()),
    values: pick(record, names),
    units: Object.fromEntries(directive.Metrics.map((metric) => [metric.Name, metric.Unit])),
  };
}

interface MetricDefinition {
  readonly Name: string;
  readonly Unit?: string;
}

function pick(record: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, record[name]]));
}

/** Metric values where the metrics in `ones` are 1 and every other one of `names` is 0. */
export function onlyMetric(
  names: readonly string[],
  ...ones: readonly string[]
): Record<string, 0 | 1> {
  return Object.fromEntries(names.map((name) => [name, ones.includes(name) ? 1 : 0]));
}
