#!/usr/bin/env node
// `npm run demo`: parents and children working together, locally. Builds the package if needed,
// then simulates the examples in seven scenarios with the built CLI, prints each trace, and checks
// that each scenario ends as it should. Exit code 0 only when every scenario does.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLI = 'dist/cli/sub-step-closer.mjs';
const ZIP = 'dist/sub-step-closer.zip';
const run = promisify(execFile);

const common = ['--config', 'examples/sim/sim.json'];
const parentAndChild = [
  '--parent',
  'Parent=examples/parent.asl.json',
  '--child',
  'Child=examples/child.asl.json',
];

const scenarios = [
  {
    title: '1. The child succeeds, and the parent receives its output',
    args: [...parentAndChild, '--input', 'examples/sim/input-accept.json'],
    expect: (outcome) => [
      check('the parent succeeds (exit code 0)', outcome.code === 0),
      check(
        "the parent's output holds the child's output (the work's result) at $.child",
        finalOutput(outcome.events, 0)?.child?.ok === true,
      ),
      check(
        'one SendTaskSuccess reached the endpoint',
        sameList(signals(outcome.events), ['SendTaskSuccess:accepted']),
      ),
    ],
  },
  {
    title:
      "2. The work refuses, the child fails with Work.Refused, and the parent's Catch receives that name",
    args: [...parentAndChild, '--input', 'examples/sim/input-reject.json'],
    expect: (outcome) => [
      check(
        'the child records Work.Refused (Refused) and marks itself failed',
        entered(outcome.events, 1, 'Refused') && entered(outcome.events, 1, 'Closer:MarkFailed'),
      ),
      check(
        "the child's Closer sent one SendTaskFailure (Work.Refused), accepted",
        sameList(signals(outcome.events, 'closer'), ['SendTaskFailure:Work.Refused:accepted']),
      ),
      check(
        'the safety net, run because the child ended FAILED, finds the task closed (TaskTimedOut)',
        sameList(signals(outcome.events, 'safety-net'), [
          'SendTaskFailure:SubStep.Failed:TaskTimedOut',
        ]),
      ),
      check(
        "the parent's Catch receives Work.Refused",
        caught(outcome.events, 0, 'RunChild', 'Work.Refused'),
      ),
      check(
        'the parent fails with the same Work.Refused (exit code 1)',
        outcome.code === 1 && failedWith(outcome.events, 0, 'Work.Refused'),
      ),
    ],
  },
  {
    title: '3. A child task throws, the child catches it, and the failure reaches the parent',
    args: [...parentAndChild, '--input', 'examples/sim/input-throw.json'],
    expect: (outcome) => [
      check(
        'the Work task throws Work.WarehouseUnavailable and the child catches it',
        caught(outcome.events, 1, 'Work', 'Work.WarehouseUnavailable'),
      ),
      check(
        "the child's Closer sent one SendTaskFailure (SubStep.Failed), accepted",
        sameList(signals(outcome.events, 'closer'), ['SendTaskFailure:SubStep.Failed:accepted']),
      ),
      check(
        "the parent's Catch receives SubStep.Failed",
        caught(outcome.events, 0, 'RunChild', 'SubStep.Failed'),
      ),
      check(
        "the parent's error cause names the child's Work.WarehouseUnavailable",
        outcome.code === 1 &&
          (failure(outcome.events, 0)?.cause ?? '').includes('Work.WarehouseUnavailable'),
      ),
    ],
  },
  {
    title: '4. A child run on its own passes through: no parent, nothing signalled',
    args: [
      '--parent',
      'Child=examples/child.asl.json',
      '--input',
      'examples/sim/input-accept.json',
    ],
    expect: (outcome) => [
      check('the child succeeds (exit code 0)', outcome.code === 0),
      check(
        "the child's output is the work's result, unchanged by the Closer",
        sameList(finalOutput(outcome.events, 0), { ok: true, order: 'A-1', reserved: 3 }),
      ),
      check(
        'the Closer returns SUCCEEDED with parent "NONE"',
        closerResults(outcome.events).some((r) => r.message === 'SUCCEEDED' && r.parent === 'NONE'),
      ),
      check('no signal reached the endpoint', signals(outcome.events).length === 0),
    ],
  },
  {
    title: '5. Three levels: a JSONata grandchild runs inside a child inside a parent',
    args: [
      '--parent',
      'Parent=examples/parent.asl.json',
      '--child',
      'Child=examples/middle.asl.json',
      '--child',
      'Grandchild=examples/child-jsonata.asl.json',
      '--input',
      'examples/sim/input-accept.json',
    ],
    expect: (outcome) => [
      check('three executions run, one per level', sameList(levels(outcome.events), [0, 1, 2])),
      check(
        'each child signals its own parent',
        sameList(signals(outcome.events), ['SendTaskSuccess:accepted', 'SendTaskSuccess:accepted']),
      ),
      check(
        "the parent's output holds the grandchild's result, passed up through the child",
        outcome.code === 0 && finalOutput(outcome.events, 0)?.child?.ok === true,
      ),
    ],
  },
  {
    title: '6. A parent on startExecution.sync:2: the child signals first, with its own output',
    args: [
      '--parent',
      'Parent=examples/parent-sync.asl.json',
      '--child',
      'Child=examples/child.asl.json',
      '--input',
      'examples/sim/input-accept.json',
    ],
    expect: (outcome) => [
      check(
        'the parent waits for the token or the end of the child (.sync:2)',
        (outcome.events ?? []).some(
          (event) => event.type === 'ChildStarted' && event.pattern === 'sync:2',
        ),
      ),
      check(
        "the child's SendTaskSuccess completes the Task before the child ends",
        sameList(signals(outcome.events), ['SendTaskSuccess:accepted']),
      ),
      check(
        "the parent's output holds the child's own output at $.child (not the DescribeExecution)",
        outcome.code === 0 && finalOutput(outcome.events, 0)?.child?.ok === true,
      ),
    ],
  },
  {
    title:
      '7. A child dies before its Closer (States.Runtime): the safety net closes the parent at once',
    args: [
      '--parent',
      'Parent=examples/parent.asl.json',
      '--child',
      'Child=examples/sim/child-unguarded.asl.json',
      '--input',
      'examples/sim/input-accept.json',
    ],
    expect: (outcome) => [
      check('the child fails with States.Runtime', failedWith(outcome.events, 1, 'States.Runtime')),
      check(
        'the safety net runs for the FAILED child and tells the parent (NOTIFIED)',
        (outcome.events ?? []).some(
          (event) => event.type === 'SafetyNetReturned' && event.result?.safetyNet === 'NOTIFIED',
        ),
      ),
      check(
        "the safety net's SendTaskFailure (SubStep.Failed) is accepted",
        sameList(signals(outcome.events, 'safety-net'), [
          'SendTaskFailure:SubStep.Failed:accepted',
        ]),
      ),
      check(
        "the parent's Catch receives SubStep.Failed without waiting out its hour",
        caught(outcome.events, 0, 'RunChild', 'SubStep.Failed') &&
          !(outcome.events ?? []).some((event) => event.type === 'TaskTimedOut'),
      ),
    ],
  },
];

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `The demo needs Node.js 22 or later (this is ${process.version}); run it with \`npm run demo\`.`,
  );
  process.exit(1);
}
buildIfNeeded();
const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-demo-'));
try {
  // Two at a time (each run has its own worker threads), printed in order.
  const outcomes = await mapLimited(scenarios, 2, (scenario, index) =>
    simulate(scenario, join(folder, `events-${index}.json`)),
  );
  let failures = 0;
  scenarios.forEach((scenario, index) => {
    const outcome = outcomes[index];
    console.log(`\n${'='.repeat(100)}\n${scenario.title}\n${'='.repeat(100)}`);
    console.log(`$ sub-step-closer simulate ${[...scenario.args, ...common].join(' ')}\n`);
    process.stdout.write(outcome.stdout);
    if (outcome.stderr !== '') process.stdout.write(outcome.stderr);
    console.log('\nExpected:');
    const results =
      outcome.events === undefined
        ? [check('the simulation ran and wrote its event log', false)]
        : scenario.expect(outcome);
    for (const result of results) {
      console.log(`  ${result.ok ? '✓' : '✗'} ${result.label}`);
      if (!result.ok) failures += 1;
    }
  });
  console.log(
    failures === 0
      ? `\nAll ${scenarios.length} scenarios ended as expected.`
      : `\n${failures} expectation(s) failed.`,
  );
  process.exitCode = failures === 0 ? 0 : 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}

function buildIfNeeded() {
  const outputs = [CLI, ZIP];
  const fresh =
    outputs.every((output) => existsSync(output)) &&
    newest('src') < Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  if (fresh) return;
  console.log('Building dist/ first (node esbuild.config.mjs)...');
  try {
    execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  } catch {
    console.error('The build failed (see above), so the demo cannot run.');
    process.exit(1);
  }
}

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

async function simulate(scenario, eventsFile) {
  const args = [CLI, 'simulate', ...scenario.args, ...common, '--events', eventsFile];
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    ({ stdout = '', stderr = '' } = error);
    code = typeof error.code === 'number' ? error.code : 2;
  }
  const events = existsSync(eventsFile) ? JSON.parse(readFileSync(eventsFile, 'utf8')) : undefined;
  return { code, stdout, stderr, events };
}

async function mapLimited(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function check(label, ok) {
  return { label, ok: ok === true };
}

function sameList(actual, expected) {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** Every request the endpoint received, or only those of one `source` (`closer`, `safety-net`). */
function signals(events = [], source = undefined) {
  return events
    .filter(
      (event) =>
        event.type === 'SignalReceived' && (source === undefined || event.source === source),
    )
    .map((event) => [event.operation, event.error, event.answer].filter(Boolean).join(':'));
}

function levels(events = []) {
  return events.filter((event) => event.type === 'ExecutionStarted').map((event) => event.level);
}

function finalOutput(events = [], level) {
  return events.find((event) => event.type === 'ExecutionSucceeded' && event.level === level)
    ?.output;
}

function failure(events = [], level) {
  return events.find((event) => event.type === 'ExecutionFailed' && event.level === level);
}

function failedWith(events, level, error) {
  return failure(events, level)?.error === error;
}

function entered(events = [], level, state) {
  return events.some(
    (event) => event.type === 'StateEntered' && event.level === level && event.state === state,
  );
}

/** The state failed with `error`, and its Catch caught it. */
function caught(events = [], level, state, error) {
  const index = events.findIndex(
    (event) =>
      event.type === 'StateFailed' &&
      event.level === level &&
      event.state === state &&
      event.error === error,
  );
  return (
    index !== -1 && events[index + 1]?.type === 'StateCaught' && events[index + 1]?.state === state
  );
}

function closerResults(events = []) {
  return events.filter((event) => event.type === 'CloserReturned').map((event) => event.result);
}
