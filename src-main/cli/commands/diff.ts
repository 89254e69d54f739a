import { type ChangedPath, diffFilesystems, type ImageDiff } from '../../core/layers/diff.js';
import { imageFilesystem } from '../../core/layers/image.js';
import type { FileEntry } from '../../core/layers/types.js';
import type { Command } from '../command.js';
import { humanSize } from '../format.js';
import { writeOut } from '../output.js';
import { fileJson } from './files.js';
import { IMAGE_OPTIONS, IMAGE_OPTIONS_USAGE, withLayeredImages } from './layers.js';

export const diffCommand: Command = {
  usage: [
    'Usage: stevedore diff <refA> <refB> [--platform P] [--local [--engine NAME|URL]] [--json]',
    '',
    "Compares two images' filesystems without pulling them: the files B adds (+), removes (-) and",
    'changes (~: type, size, mode or link target; contents are not compared), by path, then the',
    'totals. --local, --engine and --platform apply to both images.',
    'Progress goes to stderr.',
    'Options:',
    ...IMAGE_OPTIONS_USAGE,
    '  --json             print {"added","removed","changed","directories","sizeBefore","sizeAfter"}:',
    '                     added and removed: [{"path","type","size","mode","linkTarget"}]; changed:',
    '                     [{"path","fields","before","after"}]; directories whose bytes changed:',
    '                     [{"path","before","after","delta"}]; sizes in bytes',
  ].join('\n'),
  options: { ...IMAGE_OPTIONS, json: { type: 'boolean' } },
  operands: { min: 2, max: 2 },
  async run(values, io, [refA = '', refB = '']) {
    return withLayeredImages(values, io, [refA, refB], async ([a, b], run) => {
      const before = await imageFilesystem(a!, run);
      const after = await imageFilesystem(b!, run);
      const diff = diffFilesystems(before, after);
      await writeOut(
        io.stdout,
        values.json ? `${JSON.stringify(diffJson(diff), null, 2)}\n` : diffText(diff),
      );
      return 0;
    });
  },
};

/** The stable --json shape: exactly these keys. */
function diffJson(diff: ImageDiff) {
  return {
    added: diff.added.map(fileJson),
    removed: diff.removed.map(fileJson),
    changed: diff.changed.map(({ path, fields, before, after }) => ({
      path,
      fields,
      before: fileJson(before),
      after: fileJson(after),
    })),
    directories: diff.directories,
    sizeBefore: diff.sizeBefore,
    sizeAfter: diff.sizeAfter,
  };
}

/** `+ path`, `- path`, `~ path  size 10B → 12B` in path order, then one line of totals. */
function diffText(diff: ImageDiff): string {
  const lines: [string, string][] = [
    ...diff.added.map((entry): [string, string] => [entry.path, `+ ${shown(entry)}`]),
    ...diff.removed.map((entry): [string, string] => [entry.path, `- ${shown(entry)}`]),
    ...diff.changed.map((change): [string, string] => [change.path, `~ ${change.path}  ${what(change)}`]),
  ];
  lines.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const delta = diff.sizeAfter - diff.sizeBefore;
  const totals =
    `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed; ` +
    `${humanSize(diff.sizeBefore)} → ${humanSize(diff.sizeAfter)} (${delta < 0 ? '-' : '+'}${humanSize(Math.abs(delta))})`;
  return `${lines.map(([, line]) => `${line}\n`).join('')}${totals}\n`;
}

function shown(entry: FileEntry): string {
  return entry.type === 'dir' ? `${entry.path}/` : entry.path;
}

function what({ before, after, fields }: ChangedPath): string {
  return fields
    .map((field) => {
      switch (field) {
        case 'type':
          return `${before.type} → ${after.type}`;
        case 'size':
          return `size ${humanSize(before.size)} → ${humanSize(after.size)}`;
        case 'mode':
          return `mode ${octal(before.mode)} → ${octal(after.mode)}`;
        default:
          return `link ${before.linkTarget ?? '-'} → ${after.linkTarget ?? '-'}`;
      }
    })
    .join(', ');
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
