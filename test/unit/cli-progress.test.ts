import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createProgressReporter,
  formatBytes,
  formatSpeed,
  plainLine,
  shortDigest,
} from '../../src-main/cli/progress.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const part = (state: TaskPart['state'], current: number, total = 12_345_678): TaskPart => ({
  id: DIGEST,
  label: 'blob ab12ab12ab12',
  current,
  total,
  state,
});

function captured(tty: boolean, now: () => number = () => 0) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk;
  });
  return { reporter: createProgressReporter(stream, { tty, now }), text: () => text };
}

describe('formatBytes', () => {
  it('words sizes in decimal units with one decimal, bytes as they are', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('536.9 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});

describe('formatSpeed', () => {
  it('is bytes per second, and "-" before any time has passed', () => {
    expect(formatSpeed(5_000_000, 2000)).toBe('2.5 MB/s');
    expect(formatSpeed(300, 1000)).toBe('300 B/s');
    expect(formatSpeed(1000, 0)).toBe('-');
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and twelve hex digits', () => {
    expect(shortDigest(DIGEST)).toBe('sha256:ab12ab12ab12…');
    expect(shortDigest('sha256:abc')).toBe('sha256:abc');
  });
});

describe('plainLine', () => {
  it('says when a blob starts, with its size, and is silent while bytes move', () => {
    expect(plainLine(part('running', 0), undefined)).toBe('copying blob sha256:ab12ab12ab12… (12.3 MB)');
    expect(plainLine(part('running', 0), undefined, 'reading')).toBe(
      'reading blob sha256:ab12ab12ab12… (12.3 MB)',
    );
    const seen = { part: part('running', 0), startedAt: 0, sentBytes: false };
    expect(plainLine(part('running', 4096), seen)).toBeNull();
  });

  it('ends with done when bytes were sent, mounted when none were, exists when skipped', () => {
    const sent = { part: part('running', 100), startedAt: 0, sentBytes: true };
    const none = { part: part('running', 0), startedAt: 0, sentBytes: false };
    expect(plainLine(part('done', 12_345_678), sent)).toBe('blob sha256:ab12ab12ab12… done');
    expect(plainLine(part('done', 12_345_678), none)).toBe('blob sha256:ab12ab12ab12… mounted');
    expect(plainLine(part('skipped', 12_345_678), none)).toBe('blob sha256:ab12ab12ab12… exists');
    expect(plainLine(part('failed', 0), sent)).toBe('blob sha256:ab12ab12ab12… failed');
  });
});

describe('createProgressReporter', () => {
  it('off a terminal writes one line per start and end, no control codes', () => {
    const { reporter, text } = captured(false);
    reporter.update(part('running', 0));
    reporter.update(part('running', 1_000_000));
    reporter.update(part('running', 12_345_678));
    reporter.update(part('done', 12_345_678));
    reporter.end();
    expect(text()).toBe('copying blob sha256:ab12ab12ab12… (12.3 MB)\nblob sha256:ab12ab12ab12… done\n');
  });

  it('on a terminal redraws the blob and overall lines in place, at most every 100 ms', () => {
    let clock = 1000;
    const { reporter, text } = captured(true, () => clock);
    reporter.update(part('running', 0));
    const first = text();
    expect(first).toContain('blob sha256:ab12ab12ab12…');
    expect(first).toContain('total: 0/1 blobs');
    // Within 100 ms of the last redraw: nothing drawn yet.
    clock += 10;
    reporter.update(part('running', 6_000_000));
    expect(text()).toBe(first);
    clock += 990;
    reporter.update(part('done', 12_345_678));
    reporter.end();
    const last = text().slice(first.length);
    // Two lines drawn before: the cursor goes up two and they are rewritten.
    expect(last.startsWith('\x1b[2A')).toBe(true);
    expect(last).toContain('blob sha256:ab12ab12ab12…    done');
    expect(last).toContain('total: 1/1 blobs, 12.3 MB / 12.3 MB');
  });
});
