// The floor: a Lambda handler that does nothing. A fresh process that imports and runs it costs
// what Node itself costs (boot, ESM loader, one async call), and nothing a handler adds.
export const handler = async () => ({});
