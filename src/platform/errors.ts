/**
 * The one error type feature code throws. `code` is a stable machine-readable name; `message`
 * is shown to the user, so it says what to do and never carries PHI or internals.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly status: number;

  constructor(code: string, options: { message: string; status: number }) {
    super(options.message);
    this.code = code;
    this.status = options.status;
  }

  static badRequest(message: string, code = 'bad_request'): AppError {
    return new AppError(code, { message, status: 400 });
  }

  /** Also what outsiders get for things that exist but are not theirs. */
  static notFound(message = 'Not found.', code = 'not_found'): AppError {
    return new AppError(code, { message, status: 404 });
  }

  static conflict(message: string, code = 'conflict'): AppError {
    return new AppError(code, { message, status: 409 });
  }

  static unavailable(message: string, code = 'unavailable'): AppError {
    return new AppError(code, { message, status: 503 });
  }
}
