/** Which child a `StateMachineArn` names. */
export type ChildMatch =
  | { readonly kind: 'found'; readonly name: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly names: readonly string[] };

/**
 * Finds the child a parent's `StateMachineArn` refers to among the known children (the names of
 * `--child Name=file` and the keys of the config's `children`). The most specific rule wins:
 * 1. the ARN equals the name;
 * 2. the ARN ends with `:stateMachine:<Name>` (a real ARN);
 * 3. the ARN is the placeholder `${Name}`, `${NameArn}` or `${NameStateMachineArn}`;
 * 4. the ARN is a `${...}` placeholder that contains the name (case-sensitive); the longest
 *    such name wins, and two names of the same length are ambiguous.
 *
 * @example
 * matchChild('${ChildStateMachineArn}', ['Child', 'Grandchild']); // { kind: 'found', name: 'Child' }
 * matchChild('arn:aws:states:us-east-1:123456789012:stateMachine:Orders', ['Orders']); // found Orders
 */
export function matchChild(stateMachineArn: string, names: readonly string[]): ChildMatch {
  const exact = names.find((name) => stateMachineArn === name);
  if (exact !== undefined) return found(exact);
  const bySuffix = names.find((name) => stateMachineArn.endsWith(`:stateMachine:${name}`));
  if (bySuffix !== undefined) return found(bySuffix);

  const placeholder = /^\$\{([^}]+)\}$/.exec(stateMachineArn)?.[1];
  if (placeholder === undefined) return { kind: 'none' };
  const byPlaceholder = names.find((name) =>
    [name, `${name}Arn`, `${name}StateMachineArn`].includes(placeholder),
  );
  if (byPlaceholder !== undefined) return found(byPlaceholder);

  const containing = names.filter((name) => name !== '' && placeholder.includes(name));
  const longest = Math.max(0, ...containing.map((name) => name.length));
  const best = containing.filter((name) => name.length === longest);
  if (best.length === 0) return { kind: 'none' };
  return best.length === 1 && best[0] !== undefined
    ? found(best[0])
    : { kind: 'ambiguous', names: best };
}

function found(name: string): ChildMatch {
  return { kind: 'found', name };
}
