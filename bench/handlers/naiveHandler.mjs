// What a user would write without this package: the SDK imported eagerly, unbundled, from
// node_modules, and one client at module scope.
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

const client = new SFNClient({});

export const handler = async (event) => {
  await client.send(
    new SendTaskSuccessCommand({
      taskToken: event.meta.parent.token,
      output: JSON.stringify(event),
    }),
  );
  return { message: 'SUCCEEDED', parent: 'NOTIFIED' };
};
