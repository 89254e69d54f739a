import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageFilesystem } from '../../core/layers/image.js';
import { saveImageFile } from '../../core/layers/save-file.js';
import type { Command } from '../command.js';
import { OutputClosed, writeOut } from '../output.js';
import { IMAGE_OPTIONS, IMAGE_OPTIONS_USAGE, withLayeredImages } from './layers.js';

export const catCommand: Command = {
  usage: [
    'Usage: stevedore cat <ref> <path> [--platform P] [--local [--engine NAME|URL]]',
    '',
    'Writes a file of an image to stdout, byte for byte, without pulling the image: the version of',
    'the topmost layer that has it (symlinks on the way are followed inside the image).',
    "Nothing is written unless the bytes proved to be the layer's: the file goes to a temp file while",
    'its whole layer is checked against its digest, and is copied to stdout only then.',
    'Progress goes to stderr.',
    'Options:',
    ...IMAGE_OPTIONS_USAGE,
  ].join('\n'),
  options: IMAGE_OPTIONS,
  operands: { min: 2, max: 2 },
  async run(values, io, [reference = '', path = '']) {
    return withLayeredImages(values, io, [reference], async ([image], run) => {
      const fs = await imageFilesystem(image!, run);
      const dir = await mkdtemp(join(tmpdir(), 'stevedore-cat-'));
      try {
        const copy = join(dir, 'file');
        await saveImageFile(image!, fs, path, copy, { signal: run.signal });
        for await (const chunk of createReadStream(copy)) await writeOut(io.stdout, chunk as Buffer);
      } catch (error) {
        // `stevedore cat … | head`: the reader had enough.
        if (!(error instanceof OutputClosed)) throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return 0;
    });
  },
};
