/**
 * CloudWatch embedded metric format (EMF), as specified in "Specification: Embedded metric
 * format" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * - the root node carries `_aws`, whose `Timestamp` is milliseconds since the epoch and whose
 *   `CloudWatchMetrics` is an array of MetricDirectives (`Namespace`, `Dimensions`, `Metrics`);
 * - `Dimensions` is an array of DimensionSets, each naming root members whose values are strings
 *   (at most 9 keys in a set in the published JSON schema);
 * - each MetricDefinition names a root member whose value is a number (`Name`, optional `Unit`,
 *   at most 100 definitions in a directive);
 * - the root node may hold any other members: the log line's own fields stay beside them, and
 *   CloudWatch ignores what the directive does not name.
 * On Lambda, one such JSON document written to stdout is enough: CloudWatch Logs extracts the
 * metrics, with no header and no API call.
 */

/** Metric values by metric name; each becomes a top-level number of the document. */
export type MetricValues = Readonly<Record<string, number>>;

/** The one unit these metrics use: each is a count of invocations (0 or 1 per line). */
export type MetricUnit = 'Count';

export interface EmfSpec {
  readonly namespace: string;
  /** Dimension names and values; they form the document's single DimensionSet, in this order. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: MetricValues;
  readonly unit: MetricUnit;
  /** Milliseconds since the epoch (`Date.now()`): EMF's `_aws.Timestamp`. */
  readonly timestamp: number;
}

/** The members an EMF document adds to a log line's root node. */
export type EmfMembers = Readonly<Record<string, unknown>> & {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly [
      {
        readonly Namespace: string;
        readonly Dimensions: readonly [readonly string[]];
        readonly Metrics: readonly { readonly Name: string; readonly Unit: MetricUnit }[];
      },
    ];
  };
};

/**
 * Builds the EMF members of one log line: the dimension values and the metric values as
 * top-level members, and the `_aws` directive that names them. Pure: no clock, no I/O.
 *
 * @example
 * buildEmfDocument({
 *   namespace: 'SubStepCloser',
 *   dimensions: { FunctionName: 'SubStepCloser', Source: 'Closer' },
 *   metrics: { ParentNotified: 1, ParentGone: 0 },
 *   unit: 'Count',
 *   timestamp: 1764099741000,
 * });
 * // { FunctionName: 'SubStepCloser', Source: 'Closer', ParentNotified: 1, ParentGone: 0,
 * //   _aws: { Timestamp: 1764099741000, CloudWatchMetrics: [{ Namespace: 'SubStepCloser',
 * //     Dimensions: [['FunctionName', 'Source']], Metrics: [{ Name: 'ParentNotified', Unit: 'Count' }, ...] }] } }
 */
export function buildEmfDocument(spec: EmfSpec): EmfMembers {
  return {
    ...spec.dimensions,
    ...spec.metrics,
    _aws: {
      Timestamp: spec.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: spec.namespace,
          Dimensions: [Object.keys(spec.dimensions)],
          Metrics: Object.keys(spec.metrics).map((name) => ({ Name: name, Unit: spec.unit })),
        },
      ],
    },
  };
}
