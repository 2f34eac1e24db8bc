import jsonata from 'jsonata';
import { atMost, signatureMismatch } from './stepFunctionsJsonataArguments.ts';

// JSONata's own formatter, so `$now(picture, timezone)` writes exactly what JSONata writes.
const FROM_MILLIS = jsonata('$fromMillis($millis, $picture, $timezone)');

/**
 * `$now` and `$millis` on the simulation's clock, as bindings for one evaluation. JSONata's own
 * read the machine's clock, which a simulation whose Waits take no real time leaves behind: after
 * a one-day Wait, `$now()` should be a day later, as it is on AWS and in the context object's
 * `EnteredTime`. Both keep JSONata's signatures (`<s?s?:s>` and `<:n>`) and, as in JSONata, give
 * one instant throughout an evaluation (the virtual clock stands still while a state runs).
 *
 * @param now Virtual milliseconds since the epoch.
 * @example
 * await expression.evaluate(input, { ...clockBindings(() => clock.now()), states });
 */
export function clockBindings(now: () => number): Record<string, (...args: unknown[]) => unknown> {
  return {
    now: async (...args: unknown[]) => {
      atMost('now', args, 2);
      const [picture, timezone] = args;
      if (picture !== undefined && typeof picture !== 'string') throw signatureMismatch('now', 1);
      if (timezone !== undefined && typeof timezone !== 'string') throw signatureMismatch('now', 2);
      return (await FROM_MILLIS.evaluate(null, { millis: now(), picture, timezone })) as string;
    },
    millis: (...args: unknown[]) => {
      atMost('millis', args, 0);
      return now();
    },
  };
}
