/**
 * One error type for domain code. Codes are stable strings (`MODULE.REASON`) that clients may
 * switch on; the HTTP error handler turns every AppError into application/problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, what: string) => new AppError(code, 404, `${what} was not found`);
export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(code, 400, message, extra);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);

/** Titles for the statuses we answer with (RFC 9457 `title`). */
export const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
