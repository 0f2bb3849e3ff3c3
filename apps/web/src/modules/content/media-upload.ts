import { type ApiError, toApiError } from '../../api/errors';
import { csrfToken, refreshSession } from '../../api/session-fetch';
import { CMS, type Media } from './api';

function send(file: File, alt: string, onProgress: (fraction: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${CMS}/media`);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Error('The upload could not reach the server'));
    const form = new FormData();
    if (alt) form.append('alt', alt);
    form.append('file', file);
    xhr.send(form);
  });
}

function problemOf(xhr: XMLHttpRequest): ApiError {
  let body: unknown = xhr.responseText;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // keep the text
  }
  return toApiError(new Response(null, { status: xhr.status, statusText: xhr.statusText }), body);
}

/**
 * Uploads one file (multipart, field `file`) with XHR so the page can show progress; on a 401 the
 * session is refreshed once and the upload repeated, like the API client does.
 */
export async function uploadMedia(
  file: File,
  onProgress: (fraction: number) => void,
  alt = '',
): Promise<Media> {
  let xhr = await send(file, alt, onProgress);
  if (xhr.status === 401 && (await refreshSession())) xhr = await send(file, alt, onProgress);
  if (xhr.status < 200 || xhr.status >= 300) throw problemOf(xhr);
  onProgress(1);
  return JSON.parse(xhr.responseText) as Media;
}
