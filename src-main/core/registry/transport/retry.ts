/** Statuses worth another try: rate limited, or a proxy/registry that is briefly unwell. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** The longest Retry-After we wait for; a registry asking for more gets its error reported instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past means 0). Undefined if unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse also reads "1" or "2024": only accept the shape of an HTTP date (it names a weekday or month).
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential back-off with jitter for attempt 0, 1, 2…: 500 ms, 1 s, 2 s… capped at 8 s, each
 * drawn from the upper half of its range so that clients that failed together do not retry together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
