/**
 * A personal invitation link carries its token in the fragment (#invitation=…), which browsers never send to a
 * server. Read it once and take it out of the address bar, so it is not bookmarked, shared or shown on screen.
 */
export function takeInvitation(): string | undefined {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('invitation') ?? undefined;
  if (window.location.hash) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return token === '' ? undefined : token;
}
