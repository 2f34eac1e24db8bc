/** The one call the Closer makes to a parent, already within the API limits. */
export type ParentSignal =
  | { readonly kind: 'success'; readonly output: string; readonly outputBytes: number }
  | { readonly kind: 'failure'; readonly error: string; readonly cause: string };
