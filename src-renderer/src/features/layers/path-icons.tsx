/** The file tree's small icons: the twisty, and what a path is (folder, file, link, other). */
import type { EntryType } from '../../../../src-main/core/layers/types.js';
import { IconFolder } from '../../ui/icons.js';

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
};

export function Twisty() {
  return (
    <svg aria-hidden="true" width={10} height={10} viewBox="0 0 24 24" {...stroke} strokeWidth={3}>
      <path d="M9 5l7 7-7 7" />
    </svg>
  );
}

function FileIcon({ size }: { size: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" {...stroke}>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" />
      <path d="M14 3v5h5" />
    </svg>
  );
}

function LinkIcon({ size }: { size: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" {...stroke}>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </svg>
  );
}

function DeviceIcon({ size }: { size: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" {...stroke}>
      <rect x="4" y="6" width="16" height="12" rx="2" />
      <path d="M8 10h.01M12 10h.01M16 10h.01" />
    </svg>
  );
}

export function PathIcon({ type, size = 13 }: { type: EntryType; size?: number }) {
  const style = { flexShrink: 0, opacity: 0.65 };
  switch (type) {
    case 'dir':
      return <IconFolder size={size} style={style} />;
    case 'symlink':
    case 'hardlink':
      return (
        <span style={style}>
          <LinkIcon size={size} />
        </span>
      );
    case 'char':
    case 'block':
    case 'fifo':
      return (
        <span style={style}>
          <DeviceIcon size={size} />
        </span>
      );
    default:
      return (
        <span style={style}>
          <FileIcon size={size} />
        </span>
      );
  }
}
