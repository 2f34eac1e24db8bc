/**
 * Measured gain: zip 129.1 -> 114.5 KiB (cold signal unchanged within noise).
 *
 * Replaces SDK modules that a Node Lambda calling Step Functions can never run with small
 * stand-ins, so they cost no zip bytes. Each is reached only through a dynamic `import()` on a
 * path this function does not take:
 * - `bowser` (35 KB): a browser user-agent parser, imported by `@aws-sdk/core`'s browser
 *   user-agent provider, which the SDK's Node runtime config never uses. The stand-in has no
 *   `parse`, which that provider already handles (it falls back to `() => ""`).
 * - `@smithy/core/event-streams` (14 KB): loaded by a protocol only for an operation with an
 *   event-stream member. Step Functions has none; if one were ever called, the import rejects
 *   with an error that says why, rather than failing somewhere inside the SDK.
 *
 * @example
 * await build({ ..., plugins: [omitSdkModulesPlugin()] });
 */
export function omitSdkModulesPlugin() {
  const standIns = {
    bowser: 'export default {};',
    '@smithy/core/event-streams':
      "throw new Error('sub-step-closer does not bundle SDK event-stream support: no Step Functions operation it calls uses event streams');",
  };
  return {
    name: 'omit-sdk-modules',
    setup(build) {
      build.onResolve({ filter: /^(bowser|@smithy\/core\/event-streams)$/ }, (args) => ({
        path: args.path,
        namespace: 'omitted-sdk-module',
      }));
      build.onLoad({ filter: /.*/, namespace: 'omitted-sdk-module' }, (args) => ({
        contents: standIns[args.path],
        loader: 'js',
      }));
    },
  };
}
