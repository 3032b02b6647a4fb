/** Where the user wanted to go before being sent to sign in. */
export function returnPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    // Only paths inside this app: never an absolute or protocol-relative URL.
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  return '/';
}
