import type { SfnApi } from './SfnApi.ts';

let sfnApi: Promise<SfnApi> | undefined;

/**
 * Returns the container's one Step Functions client, creating it on first use. Creating it once
 * reuses its connections and resolved credentials across warm invocations; creating it lazily
 * keeps the SDK out of cold starts that never signal a parent.
 */
export function loadSfnApi(): Promise<SfnApi> {
  sfnApi ??= import('./createSfnApi.ts').then(
    ({ createSfnApi }) => createSfnApi(),
    (error: unknown) => {
      // Let the next invocation try again rather than caching a failed import.
      sfnApi = undefined;
      throw error;
    },
  );
  return sfnApi;
}
