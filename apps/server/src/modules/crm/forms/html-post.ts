import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';

/**
 * A form posted by a browser without JavaScript (a public site's form block): url-encoded, with a
 * `_return` site path. Only a same-host path is accepted (no scheme, no //host), so the redirect
 * can never leave the site the form was posted from.
 */
export function htmlReturnPath(req: FastifyRequest): string | undefined {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  const back = (req.body as Record<string, unknown> | undefined)?._return;
  if (typeof back !== 'string' || back.length > 2000 || !back.startsWith('/')) return undefined;
  if (back.startsWith('//') || back.startsWith('/\\') || /[\s\\]/.test(back)) return undefined;
  return back;
}

/** `/contact#f-form` → `/contact?form=sent&f=<publicId>#f-form` (or form=error&field=<key>). */
export function returnUrl(back: string, publicId: string, err?: unknown): string {
  const hash = back.indexOf('#');
  const path = hash < 0 ? back : back.slice(0, hash);
  const fragment = hash < 0 ? '' : back.slice(hash);
  const q = new URLSearchParams({ form: err ? 'error' : 'sent', f: publicId });
  const field =
    err instanceof AppError ? (err.extra.errors as { field?: string }[] | undefined)?.[0]?.field : undefined;
  if (field?.startsWith('body.')) q.set('field', field.slice(5));
  return `${path.split('?')[0]}?${q}${fragment}`;
}
