// Errors that carry a stable code, so every edge (SMTP reply, HTTP status, CLI line) can say
// clearly what went wrong without parsing message text.
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

export class CaucusError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CaucusError';
    this.code = code;
  }
}

export const isCaucusError = (e: unknown): e is CaucusError => e instanceof CaucusError;
