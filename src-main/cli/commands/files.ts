import { imageFilesystem, selectLayer } from '../../core/layers/image.js';
import type { LayerListing } from '../../core/layers/listing.js';
import type { EntryType, FileEntry } from '../../core/layers/types.js';
import type { Command } from '../command.js';
import { OutputClosed, writeOut } from '../output.js';
import { IMAGE_OPTIONS, IMAGE_OPTIONS_USAGE, withLayeredImages } from './layers.js';

export const filesCommand: Command = {
  usage: [
    'Usage: stevedore files <ref> [--layer <index|digest>] [--platform P] [--local [--engine E]] [--json]',
    '',
    "Lists an image's files without pulling it. Without --layer: the filesystem a container starts",
    'with (every layer applied, whiteouts included), sorted by path. With --layer: the entries of',
    'that layer (0 is the base; or its digest or diff id, 12 hex digits at least) in archive order,',
    'whiteouts (.wh.<name>) as they are stored. Layers are streamed, never stored whole; their',
    'listings are kept in the cache folder, so listing them again reads nothing.',
    'Progress goes to stderr.',
    'Options:',
    '  --layer L          one layer: its index, or its digest or diff id',
    ...IMAGE_OPTIONS_USAGE,
    '  --json             print [{"path","type","size","mode","linkTarget"}]: paths without a leading',
    '                     "/" or "./"; type: file, dir, symlink, hardlink, char, block, fifo or whiteout;',
    '                     size: bytes of a regular file (0 otherwise); mode: permission bits, as a number',
  ].join('\n'),
  options: { ...IMAGE_OPTIONS, layer: { type: 'string' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [reference = '']) {
    return withLayeredImages(values, io, [reference], async ([image], run) => {
      let entries: { count: number; entry(i: number): FileEntry };
      if (values.layer === undefined) {
        const files = (await imageFilesystem(image!, run)).files();
        entries = { count: files.length, entry: (i) => files[i]! };
      } else {
        const index = selectLayer(image!, values.layer as string);
        // Entry objects are made a page at a time: a layer of a million files is never a million objects.
        [entries] = (await image!.listLayers([index], run)) as [LayerListing];
      }
      await writeEntries(io.stdout, entries, values.json === true);
      return 0;
    });
  },
};

/** The stable --json shape of a file: exactly these keys. */
export function fileJson({ path, type, size, mode, linkTarget }: FileEntry) {
  return { path, type, size, mode, linkTarget };
}

/** The --json line of a file, written out rather than stringified: listings are long. */
function jsonLine({ path, type, size, mode, linkTarget }: FileEntry): string {
  const link = linkTarget === null ? 'null' : JSON.stringify(linkTarget);
  return `  {"path":${JSON.stringify(path)},"type":"${type}","size":${size},"mode":${mode},"linkTarget":${link}}`;
}

/** A JSON array one entry per line (or `ls -l` lines), written a page at a time; a closed pipe ends it quietly. */
async function writeEntries(
  stream: NodeJS.WritableStream,
  entries: { count: number; entry(i: number): FileEntry },
  json: boolean,
) {
  const PAGE = 1000;
  try {
    if (json && entries.count === 0) return await writeOut(stream, '[]\n');
    for (let start = 0; start < entries.count; start += PAGE) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(entries.count, start + PAGE); i++) {
        const entry = entries.entry(i);
        lines.push(json ? jsonLine(entry) : lsLine(entry));
      }
      const last = start + PAGE >= entries.count;
      const text = json
        ? `${start === 0 ? '[\n' : ''}${lines.join(',\n')}${last ? '\n]\n' : ',\n'}`
        : `${lines.join('\n')}\n`;
      await writeOut(stream, text);
    }
  } catch (error) {
    if (!(error instanceof OutputClosed)) throw error;
  }
}

const TYPE_CHARS: Record<EntryType, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  char: 'c',
  block: 'b',
  fifo: 'p',
  // A whiteout is stored as an empty file; its `.wh.` name says what it removes.
  whiteout: '-',
};

/** `-rw-r--r-- 0/0        1234 etc/passwd`, with ` -> target` for a symlink and ` link to target` for a hard link, as `tar -tv` words them. */
export function lsLine(entry: FileEntry): string {
  const link =
    entry.linkTarget === null
      ? ''
      : entry.type === 'hardlink'
        ? ` link to ${entry.linkTarget}`
        : ` -> ${entry.linkTarget}`;
  const owner = `${entry.uid}/${entry.gid}`;
  return `${TYPE_CHARS[entry.type]}${permissions(entry.mode)} ${owner.padEnd(9)} ${String(entry.size).padStart(12)} ${entry.path}${link}`;
}

/** `rwxr-sr-t`: the nine permission bits, with setuid, setgid and sticky where `ls -l` puts them. */
export function permissions(mode: number): string {
  const triplet = (shift: number, special: boolean, set: string) => {
    const bits = (mode >> shift) & 7;
    const execute = bits & 1;
    const x = special ? (execute ? set : set.toUpperCase()) : execute ? 'x' : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${x}`;
  };
  return (
    triplet(6, (mode & 0o4000) !== 0, 's') +
    triplet(3, (mode & 0o2000) !== 0, 's') +
    triplet(0, (mode & 0o1000) !== 0, 't')
  );
}
