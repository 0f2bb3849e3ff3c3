/** A `next` target after sign-in: only paths on this site ("/x", never "//host" or a URL). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/';
  if (next.startsWith('/signin')) return '/';
  return next;
}
