import createClient from 'openapi-fetch';
import { toApiError } from './errors';
import type { paths } from './schema';
import { sessionFetch } from './session-fetch';

/**
 * The only way the console calls the hub: typed from the hub's OpenAPI document (schema.d.ts,
 * regenerated with `npm run api:generate`).
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'include',
  fetch: sessionFetch,
});

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The response's data, or an ApiError carrying the hub's problem+json. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  return data as T;
}

export type { paths } from './schema';
