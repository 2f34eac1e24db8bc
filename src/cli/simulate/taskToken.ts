import { randomBytes } from 'node:crypto';
import { fingerprintToken } from '../../log.ts';

/** Marks tokens this simulator minted, so a signal can tell "not ours" from "ours, closed". */
const PREFIX = 'SimTaskToken1';

/**
 * Mints an opaque task token shaped like a real one: a few hundred characters of base64, well
 * within `taskToken`'s 1 to 2,048 characters.
 *
 * @example
 * const token = mintTaskToken(); // 'SimTaskToken1AbC...' (173 characters)
 */
export function mintTaskToken(): string {
  return `${PREFIX}${randomBytes(120).toString('base64url')}`;
}

/**
 * The form in which the simulator shows a token: the handler's fingerprint (length and last six
 * characters), never the token itself.
 *
 * @example
 * describeToken(mintTaskToken()); // 'len=173;…x1y2z3'
 */
export function describeToken(token: string): string {
  return fingerprintToken(token);
}
