export interface Debounced {
  (): void;
  cancel: () => void;
}

/**
 * Runs `fn` once `wait` ms pass without another call, and at least every `maxWait` ms while
 * calls keep coming, so a long burst of events still shows up promptly.
 */
export function debounce(fn: () => void, wait: number, maxWait = Number.POSITIVE_INFINITY): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCall: number | undefined;
  const run = () => {
    timer = undefined;
    firstCall = undefined;
    fn();
  };
  const debounced = () => {
    const now = Date.now();
    firstCall ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(wait, firstCall + maxWait - now)));
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstCall = undefined;
  };
  return debounced;
}
