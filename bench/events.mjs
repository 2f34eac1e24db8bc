// The events every cold and warm run handles: the state input of `Closer:Send` as a child built
// on the pattern produces it, with a parent (signal) and without one (pass-through).

/** As long as a real task token (684 characters), so signing and logging see realistic sizes. */
const TOKEN = `AQCEAAAAKgAAAAMAAAAAAAAAA${'x7Qm9Zr2'.repeat(82)}Tk3n`;
const CHILD_ARN = 'arn:aws:states:us-east-1:123456789012:execution:ChildMachine:child-run-1';
const PARENT_ARN = 'arn:aws:states:us-east-1:123456789012:execution:ParentMachine:parent-run-1';

/** A child that succeeded and was started by a parent waiting on its task token. */
export const signalEvent = {
  initial: { orderId: 'o-42', items: [{ sku: 'A-1', quantity: 2 }] },
  results: { ChargeCard: { chargeId: 'ch_123', amount: 4200 } },
  meta: {
    name: 'child-run-1',
    arn: CHILD_ARN,
    parent: { name: 'parent-run-1', arn: PARENT_ARN, token: TOKEN },
  },
};

/** The same child, started on its own: the Closer only decides the verdict. */
export const passThroughEvent = {
  initial: signalEvent.initial,
  results: signalEvent.results,
  meta: { name: 'child-run-1', arn: CHILD_ARN },
};
