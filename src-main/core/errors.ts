/**
 * The shape every error has when it crosses a boundary (IPC, WebSocket, CLI --json).
 * The UI switches on `code`; `message` is for people; `details` is for the curious.
 */
export interface ErrorShape {
  code: string;
  message: string;
  details?: unknown;
}

/** Base for the errors of each boundary (EngineError, RegistryError, TrustError, ...). */
export class StevedoreError extends Error implements ErrorShape {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Input that fails its schema: the CLI exits 2 on it, the UI shows the message as is. */
export class InvalidInputError extends StevedoreError {
  constructor(message: string, details?: unknown) {
    super('INVALID_INPUT', message, details);
  }
}

/** The user (or the app) cancelled a task. */
export class CancelledError extends StevedoreError {
  constructor(message = 'Cancelled') {
    super('CANCELLED', message);
  }
}

/** Anything thrown, reduced to the shape that crosses boundaries. Never leaks stacks. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof StevedoreError) return error.toShape();
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}
