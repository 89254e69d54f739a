import type { ErrorShape } from '../../../src-main/core/errors.js';
import { ContractError } from '../../../src-main/ipc/client.js';

/** Anything a call rejected with, as the `{code, message}` the UI switches on. */
export function errorShape(error: unknown): ErrorShape {
  if (error instanceof ContractError)
    return { code: error.code, message: error.message, details: error.details };
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}
