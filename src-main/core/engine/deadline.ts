import { EngineError } from './errors.js';

/**
 * Runs one engine request with a time limit, so a hung engine yields TIMEOUT instead of a
 * promise that never settles. The signal aborts the request where dockerode supports it;
 * where it does not, the race still frees the caller.
 */
export async function withDeadline<T>(
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new EngineError('TIMEOUT', `${what} got no answer within ${Math.round(ms / 1000)} s.`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
