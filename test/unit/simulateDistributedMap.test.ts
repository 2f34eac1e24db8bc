// Distributed Maps in `simulate`: no S3 is read, so an ItemReader reads what the config's "items"
// gives under the Map's name; an ItemBatcher groups items into { Items, BatchInput } batches.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';

const READER = {
  Resource: 'arn:aws:states:::s3:listObjectsV2',
  Parameters: { Bucket: 'my-bucket', Prefix: 'in/' },
};
const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const OBJECTS = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ Key: `in/${key}.json`, Size: 10 }));

function distributedMap(fields: JsonObject, processor: JsonObject): JsonObject {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: DISTRIBUTED,
          StartAt: 'Work',
          States: { Work: processor },
        },
        ...fields,
        End: true,
      },
    },
  };
}

describe('a distributed Map in simulate', () => {
  it('iterates over the items the config gives for its ItemReader, up to MaxItems', async () => {
    const simulation = await simulate({
      parent: distributedMap(
        {
          ItemReader: { ...READER, ReaderConfig: { MaxItems: 3 } },
          ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'run.$': '$.run' },
          ResultPath: '$.keys',
        },
        { Type: 'Pass', End: true },
      ),
      input: { run: 7 },
      config: { items: { Each: OBJECTS } },
    });

    expect(simulation.parent.output).toEqual({
      run: 7,
      keys: [
        { key: 'in/a.json', run: 7 },
        { key: 'in/b.json', run: 7 },
        { key: 'in/c.json', run: 7 },
      ],
    });
  });

  it('gives each iteration a batch of items with its BatchInput, paths evaluated', async () => {
    const simulation = await simulate({
      parent: distributedMap(
        {
          ItemReader: READER,
          ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'source.$': '$.source', fixed: true } },
        },
        {
          Type: 'Pass',
          Parameters: { 'count.$': 'States.ArrayLength($.Items)', 'input.$': '$.BatchInput' },
          End: true,
        },
      ),
      input: { source: 'nightly' },
      config: { items: { Each: OBJECTS } },
    });

    const batch = (count: number) => ({ count, input: { source: 'nightly', fixed: true } });
    expect(simulation.parent.output).toEqual([batch(2), batch(2), batch(1)]);
  });

  it('batches the Items of a JSONata Map, with a BatchInput expression', async () => {
    const simulation = await simulate({
      parent: {
        QueryLanguage: 'JSONata',
        ...distributedMap(
          {
            Items: '{% $states.input.ids %}',
            ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { tag: '{% $states.input.tag %}' } },
          },
          {
            Type: 'Pass',
            Output: "{% $states.input.BatchInput.tag & ':' & $join($states.input.Items, ',') %}",
            End: true,
          },
        ),
      },
      input: { ids: ['1', '2', '3'], tag: 't' },
    });

    expect(simulation.parent.output).toEqual(['t:1,2', 't:3']);
  });

  it('refuses to run, saying what to do, when the config has no items for its ItemReader', async () => {
    const run = simulate({
      parent: distributedMap({ ItemReader: READER }, { Type: 'Pass', End: true }),
    });

    await expect(run).rejects.toThrow(
      `Each: its ItemReader reads from S3, which the simulator does not: give the items in the config's "items" under "Each"`,
    );
  });

  it('refuses a ResultWriter and a tolerated failure, which it cannot run as AWS does', async () => {
    const run = simulate({
      parent: distributedMap(
        {
          ItemReader: READER,
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'out' },
          },
          ToleratedFailurePercentage: 5,
        },
        { Type: 'Pass', End: true },
      ),
      config: { items: { Each: OBJECTS } },
    });

    await expect(run).rejects.toThrow(
      /ResultWriter is not simulated[\s\S]*ToleratedFailurePercentage is not simulated/,
    );
  });

  it('refuses "items" that is not an array for a Map', async () => {
    const run = simulate({
      parent: distributedMap({ ItemReader: READER }, { Type: 'Pass', End: true }),
      config: { items: { Each: { Key: 'one' } } },
    });

    await expect(run).rejects.toThrow('items["Each"] must be an array');
  });
});
