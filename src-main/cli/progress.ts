import type { TaskPart } from '../core/tasks/types.js';

/**
 * Progress of a transfer (copy, push, pull) on stderr, fed the TaskPart events the core emits.
 * On a terminal: one redrawn line per blob (bar, bytes, speed) and an overall line. Elsewhere
 * (a log, CI): one plain line when a blob starts and one when it ends, never a control code.
 */
export interface ProgressReporter {
  update(part: TaskPart): void;
  /** Draws the final state (on a terminal) and stops redrawing. */
  end(): void;
}

export interface ProgressOptions {
  /** Redraw in place (`stream.isTTY`), else plain lines. */
  tty: boolean;
  /** Milliseconds; a clock tests can set. */
  now?: () => number;
  /** What a part's first plain line says is happening to it (default `copying`). */
  verb?: string;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/** At most ~10 redraws a second: more only costs the terminal time. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 20;

/** `12.3 MB`, `512 B`: decimal units with a space, as docker's progress bars word them. */
export function formatBytes(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${UNITS[unit]}`;
}

/** `4.2 MB/s`; nothing measurable yet (no time passed) reads `-`. */
export function formatSpeed(bytes: number, ms: number): string {
  if (ms <= 0) return '-';
  return `${formatBytes(Math.round((bytes * 1000) / ms))}/s`;
}

/** `sha256:0123456789ab…`: enough of the digest to tell blobs apart in a log. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return digest.length > colon + 13 ? `${digest.slice(0, colon + 13)}…` : digest;
}

/** `blob` or `config`: the first word of the core's label. */
function kindOf(part: TaskPart): string {
  return part.label.split(' ')[0] || 'blob';
}

export interface Tracked {
  part: TaskPart;
  startedAt: number;
  /** Bytes were counted: a `done` without any was a mount (the registry linked it, nothing was sent). */
  sentBytes: boolean;
}

/** How a blob ended, worded for the log: `exists` was skipped, `mounted` linked, `done` sent. */
export function endWord(part: TaskPart, sentBytes: boolean): string {
  if (part.outcome === 'mounted') return 'mounted';
  if (part.state === 'skipped') return 'exists';
  if (part.state === 'failed') return 'failed';
  return sentBytes || part.total === 0 ? 'done' : 'mounted';
}

/**
 * The plain line for `part` given what was known of it before (`undefined`: first seen), or
 * null when nothing is worth a line (bytes moving).
 */
export function plainLine(part: TaskPart, before: Tracked | undefined, verb = 'copying'): string | null {
  const name = `${kindOf(part)} ${shortDigest(part.id)}`;
  if (!before && part.state === 'running') {
    return `${verb} ${name}${part.total === undefined ? '' : ` (${formatBytes(part.total)})`}`;
  }
  if (part.state === 'done' || part.state === 'skipped' || part.state === 'failed') {
    return `${name} ${endWord(part, before?.sentBytes ?? false)}`;
  }
  return null;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream,
  opts: ProgressOptions,
): ProgressReporter {
  const now = opts.now ?? Date.now;
  const tracked = new Map<string, Tracked>();
  const startedAt = now();
  let drawnLines = 0;
  let lastDraw = 0;
  let timer: NodeJS.Timeout | undefined;

  const record = (part: TaskPart) => {
    const before = tracked.get(part.id);
    const sentBytes = (before?.sentBytes ?? false) || (part.state === 'running' && part.current > 0);
    tracked.set(part.id, { part, startedAt: before?.startedAt ?? now(), sentBytes });
    return before;
  };

  const draw = () => {
    timer = undefined;
    lastDraw = now();
    const lines = [...tracked.values()].map((entry) => blobLine(entry, lastDraw));
    lines.push(overallLine([...tracked.values()], lastDraw - startedAt));
    // A line wider than the terminal wraps, and the cursor-up count would no longer reach the top.
    // Some terminals report 0 columns (unknown): then lines are left whole.
    const columns = (stream as NodeJS.WriteStream).columns || Number.POSITIVE_INFINITY;
    const up = drawnLines > 0 ? `\x1b[${drawnLines}A` : '';
    stream.write(`${up}${lines.map((line) => `\r\x1b[2K${line.slice(0, columns - 1)}\n`).join('')}`);
    drawnLines = lines.length;
  };

  if (!opts.tty) {
    return {
      update(part) {
        const line = plainLine(part, record(part), opts.verb);
        if (line) stream.write(`${line}\n`);
      },
      end() {},
    };
  }
  return {
    update(part) {
      record(part);
      if (timer) return;
      const wait = REDRAW_INTERVAL_MS - (now() - lastDraw);
      if (wait <= 0) draw();
      else timer = setTimeout(draw, wait);
    },
    end() {
      if (timer) clearTimeout(timer);
      if (tracked.size > 0) draw();
    },
  };
}

function blobLine({ part, startedAt, sentBytes }: Tracked, at: number): string {
  const name = `${kindOf(part)} ${shortDigest(part.id)}`.padEnd(28);
  if (part.state !== 'running' && part.state !== 'waiting') return `${name} ${endWord(part, sentBytes)}`;
  const total = part.total ?? 0;
  const filled = total > 0 ? Math.min(BAR_WIDTH, Math.floor((part.current / total) * BAR_WIDTH)) : 0;
  const bar = `[${'='.repeat(filled)}${filled < BAR_WIDTH ? '>' : ''}${' '.repeat(Math.max(0, BAR_WIDTH - filled - 1))}]`;
  return `${name} ${bar} ${formatBytes(part.current)} / ${formatBytes(total)}  ${formatSpeed(part.current, at - startedAt)}`;
}

function overallLine(entries: Tracked[], elapsedMs: number): string {
  let current = 0;
  let total = 0;
  let finished = 0;
  for (const { part } of entries) {
    total += part.total ?? 0;
    current += part.state === 'running' ? part.current : (part.total ?? 0);
    if (part.state !== 'running' && part.state !== 'waiting') finished++;
  }
  return `total: ${finished}/${entries.length} blobs, ${formatBytes(current)} / ${formatBytes(total)}  ${formatSpeed(current, elapsedMs)}`;
}
