// Where sign-in returns to: the page the visitor came from (`location.state.from`), when it is a path of this app.
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}
