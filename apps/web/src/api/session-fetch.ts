import { networkError } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFRESH_URL = '/api/brain/auth/refresh';
/** 401 from these means wrong credentials or no session, not an expired access token. */
const NO_RETRY = ['/api/brain/auth/login', REFRESH_URL];

/** The CSRF token the hub sets in the readable `bos_csrf` cookie at sign-in. */
export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)bos_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

function withCsrf(request: Request): Request {
  const token = csrfToken();
  if (!token || !UNSAFE.has(request.method)) return request;
  const headers = new Headers(request.headers);
  headers.set('x-csrf-token', token);
  return new Request(request, { headers });
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(withCsrf(request));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError(err);
  }
}

let refreshing: Promise<boolean> | undefined;

/** One refresh at a time: concurrent 401s wait for the same POST /auth/refresh. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= send(
    new Request(new URL(REFRESH_URL, window.location.origin), { method: 'POST', credentials: 'include' }),
  )
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

/**
 * fetch for the API client: cookies, the CSRF header on unsafe methods, and on a 401 one attempt
 * to refresh the session followed by one retry of the request.
 */
export async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await send(request);
  const path = new URL(request.url).pathname;
  if (response.status !== 401 || NO_RETRY.includes(path) || !csrfToken()) return response;
  if (!(await refreshSession())) return response;
  return send(retry);
}
