import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatExactTime,
  formatRelativeTime,
  shortId,
} from '../../src-renderer/src/lib/format.js';

describe('formatBytes', () => {
  it('counts small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(999)).toBe('999 B');
  });

  it('uses decimal units with three significant digits, like the docker CLI', () => {
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(123_456)).toBe('123 kB');
    expect(formatBytes(7_800_000)).toBe('7.8 MB');
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
    expect(formatBytes(5e15)).toBe('5 PB');
  });

  it('rounds up into the next unit instead of printing 1000', () => {
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(999_499)).toBe('999 kB');
  });

  it('shows a dash for what is not a size', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2024-06-15T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says "just now" for the last 45 seconds', () => {
    expect(formatRelativeTime(ago(0), now)).toBe('just now');
    expect(formatRelativeTime(ago(44), now)).toBe('just now');
  });

  it('picks the largest unit that fits', () => {
    expect(formatRelativeTime(ago(50), now)).toBe('50 seconds ago');
    expect(formatRelativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600), now)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(24 * 3600), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(3 * 86400), now)).toBe('3 days ago');
    expect(formatRelativeTime(ago(65 * 86400), now)).toBe('2 months ago');
    expect(formatRelativeTime(ago(800 * 86400), now)).toBe('2 years ago');
  });

  it('accepts epoch milliseconds', () => {
    expect(formatRelativeTime(now - 10 * 60_000, now)).toBe('10 minutes ago');
  });

  it('reads a clock ahead of ours as the future', () => {
    expect(formatRelativeTime(new Date(now + 120_000).toISOString(), now)).toBe('in 2 minutes');
  });

  it('shows a dash for unknown times (the engine says 0001-01-01) and garbage', () => {
    expect(formatRelativeTime('0001-01-01T00:00:00Z', now)).toBe('—');
    expect(formatRelativeTime('not a date', now)).toBe('—');
    expect(formatRelativeTime(0, now)).toBe('—');
  });
});

describe('formatExactTime', () => {
  it('prints local date and time, zero-padded', () => {
    const local = new Date(2024, 0, 5, 7, 8, 9);
    expect(formatExactTime(local.toISOString())).toBe('2024-01-05 07:08:09');
    expect(formatExactTime(local.getTime())).toBe('2024-01-05 07:08:09');
  });

  it('shows a dash for unknown times', () => {
    expect(formatExactTime('0001-01-01T00:00:00Z')).toBe('—');
  });
});

describe('shortId', () => {
  const full = `sha256:${'0123456789ab'}${'c'.repeat(52)}`;

  it('keeps the 12 hex digits docker images shows', () => {
    expect(shortId(full)).toBe('0123456789ab');
    expect(shortId(full.slice('sha256:'.length))).toBe('0123456789ab');
  });

  it('lower-cases what it shortens', () => {
    expect(shortId('sha256:ABCDEF0123456789')).toBe('abcdef012345');
  });

  it('leaves what is not a hex id alone', () => {
    expect(shortId('<missing>')).toBe('<missing>');
    expect(shortId('sha256:abc')).toBe('sha256:abc');
    expect(shortId('nginx:latest')).toBe('nginx:latest');
  });
});

describe('formatCount', () => {
  it('groups thousands and picks singular or plural', () => {
    expect(formatCount(1, 'image')).toBe('1 image');
    expect(formatCount(0, 'image')).toBe('0 images');
    expect(formatCount(100_000, 'image')).toBe('100,000 images');
    expect(formatCount(2, 'entry', 'entries')).toBe('2 entries');
  });
});
