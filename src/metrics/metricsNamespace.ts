/** The CloudWatch namespace of the metrics when `CLOSER_METRICS_NAMESPACE` is unset or empty. */
export const DEFAULT_METRICS_NAMESPACE = 'SubStepCloser';

// CloudWatch's documented limits on a namespace:
// - 1 to 255 characters, and it may not begin with a colon (`Namespace`, pattern `[^:].*`, in the
//   CloudWatch API Reference's `Metric`; the EMF specification's JSON schema: maxLength 255);
// - "alphanumeric characters (0-9A-Za-z), period (.), hyphen (-), underscore (_), forward slash
//   (/), hash (#), colon (:), and the space character" (CloudWatch concepts, "Namespaces");
// - it must contain at least one non-whitespace character;
// - `AWS/` is reserved for AWS services' namespaces (PutMetricData: do not "specify a namespace
//   that begins with AWS/").
const MAX_LENGTH = 255;
const ALLOWED = /^[0-9A-Za-z._\-/#: ]+$/;

/**
 * Why `namespace` cannot be a CloudWatch metric namespace, or undefined when it can. Pure.
 * A namespace CloudWatch rejects makes it drop the line's metrics (an EMF validation error), so
 * the configuration refuses it instead of publishing nothing.
 *
 * @example
 * metricsNamespaceProblem('Orders/SubSteps'); // undefined
 * metricsNamespaceProblem('AWS/Lambda'); // 'it may not begin with "AWS/" (reserved for AWS)'
 */
export function metricsNamespaceProblem(namespace: string): string | undefined {
  if (namespace.length > MAX_LENGTH) return `it is over ${MAX_LENGTH} characters`;
  if (namespace.trim() === '') return 'it has no character other than whitespace';
  if (!ALLOWED.test(namespace)) {
    return 'it may hold only letters, digits, spaces and . - _ / # :';
  }
  if (namespace.startsWith(':')) return 'it may not begin with ":"';
  if (namespace.startsWith('AWS/')) return 'it may not begin with "AWS/" (reserved for AWS)';
  return undefined;
}
