import { describe, expect, it } from 'vitest';
import { RunLimits } from '../../src/cli/simulate/RunLimits.ts';

function enterAll(limits: RunLimits, entries: readonly (readonly [string, string])[]): boolean[] {
  return entries.map(([execution, state]) => limits.enter(execution, state));
}

describe('RunLimits', () => {
  describe('counting transitions', () => {
    it('allows exactly maxTransitions state entries and reports the one past it', () => {
      const limits = new RunLimits({ maxSeconds: 3_600, maxTransitions: 3 });

      const reached = enterAll(limits, [
        ['Child/run-1', 'A'],
        ['Child/run-1', 'B'],
        ['Child/run-1', 'C'],
        ['Child/run-1', 'D'],
      ]);

      expect(reached).toEqual([false, false, false, true]);
      expect(limits.transitions).toBe(4);
    });

    it('counts the transitions of every execution against one limit', () => {
      const limits = new RunLimits({ maxSeconds: 3_600, maxTransitions: 2 });

      const reached = enterAll(limits, [
        ['Parent/run-1', 'Start'],
        ['Child/run-2', 'Start'],
        ['Grandchild/run-3', 'Start'],
      ]);

      expect(reached).toEqual([false, false, true]);
    });

    it('starts with no transitions', () => {
      expect(new RunLimits({ maxSeconds: 1, maxTransitions: 1 }).transitions).toBe(0);
    });
  });

  describe('the transitions message', () => {
    it('names the limit, its settings and the looping states with their counts', () => {
      const limits = new RunLimits({ maxSeconds: 3_600, maxTransitions: 5 });
      enterAll(limits, [
        ['Child/run-1', 'Start'],
        ['Child/run-1', 'Pause'],
        ['Child/run-1', 'Check'],
        ['Child/run-1', 'Pause'],
        ['Child/run-1', 'Check'],
        ['Child/run-1', 'Pause'],
      ]);

      expect(limits.message('transitions')).toBe(
        'The run reached its limit of 5 state transitions (limits.maxTransitions, ' +
          '--max-transitions). The states entered most: Child/run-1 › Pause (3×), ' +
          'Child/run-1 › Check (2×), Child/run-1 › Start (1×).',
      );
    });

    it('tells apart the same state name in two executions', () => {
      const limits = new RunLimits({ maxSeconds: 3_600, maxTransitions: 100 });
      enterAll(limits, [
        ['Parent/run-1', 'Loop'],
        ['Child/run-2', 'Loop'],
        ['Child/run-2', 'Loop'],
      ]);

      expect(limits.message('transitions')).toContain(
        'Child/run-2 › Loop (2×), Parent/run-1 › Loop (1×).',
      );
    });

    it('lists only the five states entered most, most entered first', () => {
      const limits = new RunLimits({ maxSeconds: 3_600, maxTransitions: 100 });
      const counts = { Once: 1, Six: 6, Twice: 2, Five: 5, Thrice: 3, Four: 4 };
      for (const [state, count] of Object.entries(counts)) {
        for (let entry = 0; entry < count; entry += 1) limits.enter('Child/run-1', state);
      }

      const message = limits.message('transitions');

      expect(message).toMatch(
        /Six \(6×\), .*Five \(5×\), .*Four \(4×\), .*Thrice \(3×\), .*Twice \(2×\)\.$/,
      );
      expect(message).not.toContain('Once');
    });
  });

  describe('the time message', () => {
    it('names the limit, its settings and the state each running execution is in', () => {
      const limits = new RunLimits({ maxSeconds: 86_400, maxTransitions: 100 });
      enterAll(limits, [
        ['Parent/run-1', 'Start'],
        ['Parent/run-1', 'WaitForChild'],
        ['Child/run-2', 'Start'],
        ['Child/run-2', 'WaitADay'],
      ]);

      expect(limits.message('time')).toBe(
        'The run reached its limit of 86400 s of virtual time (limits.maxSeconds, --max-seconds). ' +
          'Still running: Parent/run-1 › WaitForChild, Child/run-2 › WaitADay.',
      );
    });

    it('leaves out executions that ended', () => {
      const limits = new RunLimits({ maxSeconds: 60, maxTransitions: 100 });
      enterAll(limits, [
        ['Parent/run-1', 'WaitForChild'],
        ['Child/run-2', 'Done'],
      ]);

      limits.ended('Child/run-2');

      expect(limits.message('time')).toMatch(/Still running: Parent\/run-1 › WaitForChild\.$/);
    });

    it('says nothing is running when every execution ended', () => {
      const limits = new RunLimits({ maxSeconds: 60, maxTransitions: 100 });
      limits.enter('Child/run-1', 'Done');

      limits.ended('Child/run-1');

      expect(limits.message('time')).toMatch(/Still running: nothing\.$/);
    });

    it('keeps counting an ended execution’s entries in the transitions message', () => {
      const limits = new RunLimits({ maxSeconds: 60, maxTransitions: 100 });
      limits.enter('Child/run-1', 'Done');

      limits.ended('Child/run-1');

      expect(limits.message('transitions')).toContain('Child/run-1 › Done (1×)');
    });
  });
});
