/**
 * True the first time it is called in this module instance, false after. A Lambda execution
 * environment loads the function's modules once, in its INIT phase, and then reuses them for
 * every invocation it serves: the first call is the container's first (cold) invocation.
 */
export type ColdStartFlag = () => boolean;

/**
 * A fresh flag; `takeColdStart` is the container's own. Tests make their own to start cold.
 *
 * @example
 * const takeColdStart = createColdStartFlag();
 * takeColdStart(); // true
 * takeColdStart(); // false
 */
export function createColdStartFlag(): ColdStartFlag {
  let cold = true;
  return () => {
    const wasCold = cold;
    cold = false;
    return wasCold;
  };
}

/** The container's flag, shared by the Closer and the safety net (one function, one container). */
export const takeColdStart: ColdStartFlag = createColdStartFlag();
