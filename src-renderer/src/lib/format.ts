/**
 * How numbers, times and ids read in the UI. Pure functions: the unit tests pin them down.
 * Sizes use decimal units like the docker CLI does (`7.8MB` there is 7 800 000 bytes).
 */

const PLACEHOLDER = '—';
const SIZE_UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** `0 B`, `999 B`, `1.5 kB`, `12.3 MB`, `123 MB`: three significant digits at most. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return PLACEHOLDER;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  value /= 1000;
  while (value >= 999.5 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${SIZE_UNITS[unit]}`;
}

/** `1.5 MB/s`; nothing while the speed is unknown. */
export function formatSpeed(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return '';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** `1.2 MB / 3.4 MB`, or what is done alone while the total is unknown. */
export function formatBytesOf(current: number, total: number | undefined): string {
  return total === undefined ? formatBytes(current) : `${formatBytes(current)} / ${formatBytes(total)}`;
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Milliseconds since the epoch, or NaN for what is not a real date (engines report `0001-01-01` for "unknown"). */
export function toEpochMs(time: string | number): number {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  return Number.isFinite(ms) && ms > 0 ? ms : Number.NaN;
}

/** `just now`, `5 minutes ago`, `yesterday`, `3 months ago`; clock skew reads as `in 2 minutes`. */
export function formatRelativeTime(time: string | number, now: number = Date.now()): string {
  const ms = toEpochMs(time);
  if (Number.isNaN(ms)) return PLACEHOLDER;
  let delta = (ms - now) / 1000;
  if (Math.abs(delta) < 45) return 'just now';
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) return relativeFormat.format(Math.round(delta), unit);
    delta /= size;
  }
  return PLACEHOLDER;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-05-01 13:45:12` in local time: exact, sortable, and short enough for a tooltip. */
export function formatExactTime(time: string | number): string {
  const ms = toEpochMs(time);
  if (Number.isNaN(ms)) return PLACEHOLDER;
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The 12 hex digits `docker images` shows for `sha256:<64 hex>`; anything else (`<missing>`) as is. */
export function shortId(id: string): string {
  const match = /^(?:sha256:)?([0-9a-f]{12})[0-9a-f]*$/i.exec(id);
  return match ? match[1]!.toLowerCase() : id;
}

const countFormat = new Intl.NumberFormat('en');

/** `1 image`, `100,000 images`. */
export function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${countFormat.format(count)} ${count === 1 ? noun : plural}`;
}
