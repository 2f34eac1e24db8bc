/**
 * The example Work function, run locally by the simulator in place of `${WorkFunctionArn}`.
 * `initial.outcome` picks what it does: "accept" (the default) reserves the items, "reject"
 * refuses without throwing ({ ok: false }: the child then fails with Work.Refused), and "throw"
 * fails the way a Lambda function fails: the error's name is what the state machine's Catch sees.
 */
export async function handler(event) {
  const { order = 'A-1', items = 1, outcome = 'accept' } = event?.initial ?? {};
  if (outcome === 'throw') {
    const error = new Error(`Order ${order}: the warehouse did not answer`);
    error.name = 'Work.WarehouseUnavailable';
    throw error;
  }
  if (outcome === 'reject') return { ok: false, order, reason: 'out of stock' };
  return { ok: true, order, reserved: items };
}
