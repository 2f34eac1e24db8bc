import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const BARREL = '@aws-sdk/core/protocols';
const NAMESPACE = 'aws-json-protocols-only';
// Re-exports of protocols Step Functions never speaks, by the module they come from.
const UNUSED =
  /^export .* from "\.\/(cbor\/[^"]*|query\/[^"]*|xml\/[^"]*|json\/AwsRestJsonProtocol|json\/AwsSmithyRpcV2JsonProtocol|json\/AwsJson1_1Protocol)";$/gm;

/**
 * Step Functions speaks one wire protocol, AWS JSON 1.0. `@aws-sdk/core/protocols` re-exports
 * every AWS protocol (query, EC2 query, REST-XML with its XML builder, REST-JSON, RPC v2 CBOR and
 * JSON), and esbuild keeps all of them, because each is a class that `extends` another and
 * esbuild must assume that has side effects. So the Step Functions path loaded ~25 KB of
 * protocols it never runs.
 *
 * This plugin gives the Step Functions client (and the rest of the SDK core) a copy of that
 * barrel without those re-exports. The nested STS/SSO clients that only the lazy credential
 * providers load keep the full barrel, so the protocols they need (query for STS, REST-JSON for
 * SSO) move into the lazy chunk, which an invocation with credentials in the environment never
 * reads.
 *
 * Safe by construction: if the Step Functions path ever imports a dropped name, esbuild stops the
 * build with "No matching export" rather than ship a broken bundle.
 *
 * @example
 * await build({ ..., plugins: [keepOnlyAwsJsonProtocolPlugin()] });
 */
export function keepOnlyAwsJsonProtocolPlugin() {
  return {
    name: 'keep-only-aws-json-protocol',
    setup(build) {
      build.onResolve({ filter: /^@aws-sdk\/core\/protocols$/ }, async (args) => {
        if (
          args.pluginData?.fullBarrel ||
          /[\\/]@aws-sdk[\\/]nested-clients[\\/]/.test(args.importer)
        ) {
          return undefined;
        }
        const full = await build.resolve(BARREL, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { fullBarrel: true },
        });
        if (full.errors.length > 0) return { errors: full.errors };
        return { path: full.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const pruned = source.replace(UNUSED, '');
        if (pruned === source) {
          throw new Error(
            `keep-only-aws-json-protocol: ${args.path} no longer re-exports the protocols it prunes`,
          );
        }
        return { contents: pruned, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
