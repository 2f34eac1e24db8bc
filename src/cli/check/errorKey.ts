/**
 * The key under `$.errors` where a state's catcher stores the error: the state name with every
 * character a reference path cannot carry removed (the seed writes `Closer:Send`'s error to
 * `$.errors.CloserSend`).
 *
 * @example
 * errorKey('Closer:Send'); // 'CloserSend'
 * errorKey('Charge card'); // 'Chargecard'
 */
export function errorKey(stateName: string): string {
  const key = stateName.replace(/[^A-Za-z0-9_]/g, '');
  // A reference path segment must not start with a digit (or be empty).
  return /^[A-Za-z_]/.test(key) ? key : `State${key}`;
}
