import type { AppErrorBody, ErrorCode } from '../../contract/index.ts';

/** Thrown inside main by handlers; turned into an error value at the IPC edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'AppError';
  }
  toBody(): AppErrorBody {
    return { code: this.code, message: this.message };
  }
}
