/**
 * Ctrl+C aborts long work through its signal instead of killing the process mid-request, so
 * nothing is left half-written and the command ends with `Cancelled` (exit 1). Listened to once:
 * a second Ctrl+C ends the process at once, as users expect of a stuck command.
 */
export async function withCancelOnInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', abort);
  }
}
