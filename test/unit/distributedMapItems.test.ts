import { describe, expect, it } from 'vitest';
import { batchItems, planDistributedMap } from '../../src/cli/simulate/distributedMapItems.ts';

const READER = {
  Resource: 'arn:aws:states:::s3:listObjectsV2',
  Parameters: { Bucket: 'my-bucket' },
};

describe('planDistributedMap', () => {
  it('reads what the config gives under the Map name, cut to ReaderConfig.MaxItems', () => {
    const state = { Type: 'Map', ItemReader: { ...READER, ReaderConfig: { MaxItems: 2 } } };

    expect(planDistributedMap('Each', state, new Map([['Each', ['a', 'b', 'c']]]))).toEqual({
      items: ['a', 'b'],
      problems: [],
    });
  });

  it('says where to give the items when the config has none for the reader', () => {
    const plan = planDistributedMap('Each', { Type: 'Map', ItemReader: READER }, new Map());

    expect(plan.items).toBeUndefined();
    expect(plan.problems).toEqual([
      `Each: its ItemReader reads from S3, which the simulator does not: give the items in the config's "items" under "Each"`,
    ]);
  });

  it('refuses what depends on S3 or on failed iterations, and the Path forms of limits', () => {
    const state = {
      Type: 'Map',
      ItemReader: { ...READER, ReaderConfig: { MaxItemsPath: '$.max' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' },
      ToleratedFailurePercentage: 100,
      ToleratedFailureCountPath: '$.count',
      ItemBatcher: { MaxItemsPerBatchPath: '$.batch' },
    };

    expect(planDistributedMap('Each', state, new Map([['Each', []]])).problems).toEqual([
      "Each: ResultWriter is not simulated (it writes the Map's results to S3)",
      'Each: ToleratedFailurePercentage is not simulated (in a simulation, one failed iteration fails the Map)',
      'Each: ToleratedFailureCountPath is not simulated',
      'Each: ItemReader.ReaderConfig.MaxItemsPath is not simulated',
      'Each: ItemBatcher.MaxItemsPerBatchPath is not simulated',
    ]);
  });

  it('refuses limits given as JSONata expressions, which it does not evaluate', () => {
    const state = {
      Type: 'Map',
      ItemReader: { ...READER, ReaderConfig: { MaxItems: '{% $states.input.max %}' } },
      ItemBatcher: { MaxItemsPerBatch: '{% $states.input.n %}' },
    };

    expect(planDistributedMap('Each', state, new Map([['Each', [1]]])).problems).toEqual([
      'Each: ItemReader.ReaderConfig.MaxItems other than a number is not simulated',
      'Each: ItemBatcher.MaxItemsPerBatch other than a number is not simulated',
    ]);
  });

  it('takes a tolerated failure of 0 as none, and reads the batcher limits', () => {
    const state = {
      Type: 'Map',
      ToleratedFailurePercentage: 0,
      ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatch: 1024 },
    };

    expect(planDistributedMap('Each', state, new Map())).toEqual({
      batcher: { maxItems: 10, maxBytes: 1024 },
      problems: [],
    });
  });
});

describe('batchItems', () => {
  it('fills each batch up to MaxItemsPerBatch, in order', () => {
    expect(batchItems([1, 2, 3, 4, 5], { maxItems: 2 })).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('starts a new batch before its JSON, with the BatchInput, would pass MaxInputBytesPerBatch', () => {
    const items = ['aaaa', 'bbbb', 'cccc'];
    // {"Items":["aaaa","bbbb"],"BatchInput":{"k":1}} is 46 bytes; with "cccc" it is 53.
    expect(batchItems(items, { maxBytes: 52 }, { k: 1 })).toEqual([['aaaa', 'bbbb'], ['cccc']]);
    expect(batchItems(items, { maxBytes: 53 }, { k: 1 })).toEqual([items]);
  });

  it('gives an item too large for any batch a batch of its own', () => {
    expect(batchItems(['x'.repeat(100), 'y'], { maxBytes: 20 })).toEqual([
      ['x'.repeat(100)],
      ['y'],
    ]);
  });

  it('makes no batch of no items', () => {
    expect(batchItems([], { maxItems: 3 })).toEqual([]);
  });
});
