import { useRouterState } from '@tanstack/react-router';

/**
 * The `token` of a mailed link (`?token=…`), read from the raw query string so a token is never
 * reinterpreted as JSON by the router's search parser.
 */
export function useTokenParam(): string | undefined {
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  return new URLSearchParams(searchStr).get('token')?.trim() || undefined;
}
