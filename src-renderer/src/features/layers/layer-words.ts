/**
 * How layers and files read in the Layers view: modes as `ls -l` writes them, media types in a few
 * words, what a layer did to a path and its colour. Pure functions: the unit tests pin them down.
 */
import type { ChangeKind } from '../../../../src-main/core/layers/merged-fs.js';
import type { EntryType, LayerInfo } from '../../../../src-main/core/layers/types.js';

const TYPE_LETTER: Record<EntryType, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  char: 'c',
  block: 'b',
  fifo: 'p',
  whiteout: 'w',
};

/** `-rwxr-xr-x`, `drwxrwxrwt`, `-rwsr-xr-x`: the type letter, then the nine bits with setuid, setgid and sticky. */
export function formatMode(type: EntryType, mode: number): string {
  const bit = (mask: number, letter: string) => (mode & mask ? letter : '-');
  const special = (exec: number, flag: number, on: string, off: string) =>
    mode & flag ? (mode & exec ? on : off) : bit(exec, 'x');
  return [
    TYPE_LETTER[type],
    bit(0o400, 'r'),
    bit(0o200, 'w'),
    special(0o100, 0o4000, 's', 'S'),
    bit(0o040, 'r'),
    bit(0o020, 'w'),
    special(0o010, 0o2000, 's', 'S'),
    bit(0o004, 'r'),
    bit(0o002, 'w'),
    special(0o001, 0o1000, 't', 'T'),
  ].join('');
}

/** `gzip`, `zstd`, `tar` — or what the media type is when it is not a filesystem layer. */
export function compressionLabel(layer: Pick<LayerInfo, 'compression' | 'mediaType'>): string {
  switch (layer.compression) {
    case 'gzip':
      return 'gzip';
    case 'zstd':
      return 'zstd';
    case 'none':
      return 'tar';
    default:
      return 'not a layer';
  }
}

/** `OCI`, `Docker` or the media type itself: who wrote the manifest entry. */
export function mediaTypeFamily(mediaType: string): string {
  if (mediaType.startsWith('application/vnd.oci.image.layer.')) return 'OCI';
  if (mediaType.startsWith('application/vnd.docker.image.rootfs.')) return 'Docker';
  return mediaType;
}

export const CHANGE_LABEL: Record<ChangeKind, string> = {
  added: 'added',
  changed: 'changed',
  removed: 'removed',
  opaque: 'replaced',
  none: '',
};

/** Mantine colour names, so both themes shade them. */
export const CHANGE_COLOR: Record<ChangeKind, string> = {
  added: 'teal',
  changed: 'yellow',
  removed: 'red',
  opaque: 'grape',
  none: 'gray',
};

/**
 * `97.3 %` from a fraction (1 is 100 %); two decimals when it is close to 100 without being it;
 * past 10 (a thousand percent: wasted bytes against a few user bytes) a ratio, `3,391×`.
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  if (fraction > 10) return `${Math.round(fraction).toLocaleString('en')}×`;
  const percent = Math.max(0, fraction) * 100;
  return `${percent >= 99.95 && percent < 100 ? percent.toFixed(2) : percent.toFixed(1)} %`;
}

/** `+1.2 MB`, `−340 kB`, `0 B`. */
export function formatDelta(delta: number, format: (bytes: number) => string): string {
  if (delta === 0) return format(0);
  return `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`;
}
