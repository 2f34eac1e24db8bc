import type { Rule } from '../CheckContext.ts';
import { isFramedCloser } from '../closerShape.ts';
import { finding } from '../Finding.ts';
import { type MetaDrop, metaDrops } from '../metaDrops.ts';

/** How many dropping states a message names before it says "and N more". */
const SHOWN = 3;

const UPGRADE =
  'Run `sub-step-closer wrap` to upgrade the Closer section to one that reads the link from ' +
  'the execution input ($states.context.Execution.Input.meta.parent), which no state can change.';

/**
 * `closer-reads-payload-link`: the Closer Task is not the framed shape (see `isFramedCloser`), so
 * it reads the parent link from the payload's `meta.parent` when it runs. A state that replaces
 * the payload on the way (see `outputDropsMeta`) drops it, and the parent is never signalled:
 * it waits until its own timeout. An error when some top-level state on a path from `StartAt` to
 * the Closer can drop `meta`; a warning otherwise, since any later edit could.
 */
export const closerReadsPayloadLink: Rule = (context) => {
  const { chain, root, closerName } = context;
  if (chain.kind === 'missing') return [];
  const closer = root.states.get(closerName);
  if (closer === undefined || isFramedCloser(closer)) return [];
  const { droppers } = metaDrops(context);
  if (droppers.length === 0) {
    return [
      finding(
        'closer-reads-payload-link',
        closer.path,
        `${closerName} reads the parent link from the payload's meta.parent (the original ` +
          'Closer section): every state on the way keeps meta today, but one that replaces the ' +
          'payload would leave the parent waiting until it times out.',
        UPGRADE,
        'warning',
      ),
    ];
  }
  return [
    finding(
      'closer-reads-payload-link',
      closer.path,
      `${closerName} reads the parent link from the payload's meta.parent, and meta can be ` +
        `dropped on the way to it by ${describeDrops(droppers)}: the parent is then never ` +
        'signalled and waits until it times out.',
      UPGRADE,
    ),
  ];
};

function describeDrops(droppers: readonly MetaDrop[]): string {
  const shown = droppers.slice(0, SHOWN).map((drop) => `${drop.node.name} (${drop.reason})`);
  const more = droppers.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0] as string;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
