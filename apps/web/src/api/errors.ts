/** One field the hub rejected: `body.email`, `query.limit`, … */
export interface ProblemField {
  field: string;
  message: string;
}

/** The hub's error body: RFC 9457 problem+json with a stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ProblemField[];
  [extra: string]: unknown;
}

/** Every failed API call throws this: the problem the hub answered, or one made up for network failures. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }

  get code() {
    return this.problem.code;
  }

  get fieldErrors(): ProblemField[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(body: unknown): body is Problem {
  const b = body as Partial<Problem> | null;
  return typeof b === 'object' && b !== null && typeof b.status === 'number' && typeof b.code === 'string';
}

/** The problem in a failed response's body, or one built from its status when the body is something else. */
export function toApiError(response: Response, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError(body);
  const oauth = body as { error?: string; error_description?: string } | null;
  const detail =
    (typeof oauth?.error_description === 'string' && oauth.error_description) ||
    (typeof body === 'string' && body.length < 300 && body) ||
    response.statusText ||
    `The server answered ${response.status}`;
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail,
    code: typeof oauth?.error === 'string' ? `OAUTH.${oauth.error.toUpperCase()}` : `HTTP.${response.status}`,
  });
}

export function networkError(cause: unknown): ApiError {
  const err = new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'The server could not be reached. Check your connection and try again.',
    code: 'NETWORK.UNREACHABLE',
  });
  err.cause = cause;
  return err;
}

/** A message for people: the problem's detail, or a generic line for anything else. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
