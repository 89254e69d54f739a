/** The layers group of the contract (issue 5): an image's layers, files, contents and diffs. */
import { z } from 'zod';
import type {
  FilesystemSummary,
  FileView,
  ImageDiffView,
  LayersView,
  TreeEntry,
} from '../core/layers/views.js';
import { call, engineId, reference, task } from './contract-kit.js';

/** An image whose layers are read: a registry reference, or an image of an engine. */
const imageSelector = z
  .object({
    reference,
    source: z.enum(['remote', 'local']),
    engineId,
    platform: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
/** A path inside an image: relative, as listings write it (`usr/bin/env`); `` is the root. */
const imagePath = z.string().max(4096);

export const layersProcedures = {
  /** An image's layers (digest, diff id, media type, sizes, the command that made each) and history. */
  'layers.inspect': call<LayersView>()(imageSelector),
  /** Lists every layer (streamed, cached by digest) and merges them; the tree calls below need it first. */
  'layers.scan': task<FilesystemSummary>()(imageSelector, (input) => `Scan the layers of ${input.reference}`),
  /** One directory of the merged tree; with `layer`, as that layer left it, marked with what it changed. */
  'layers.dir': call<TreeEntry[]>()(
    z
      .object({
        image: imageSelector,
        path: imagePath,
        layer: z.number().int().min(0).max(10_000).optional(),
        onlyChanges: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Paths matching a glob (`**\/*.so`) or a substring, across the tree; at most `limit`. */
  'layers.find': call<{ entries: TreeEntry[]; truncated: boolean }>()(
    z
      .object({
        image: imageSelector,
        pattern: z.string().trim().min(1).max(1024),
        layer: z.number().int().min(0).max(10_000).optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
  /** A file's first bytes (1 MiB unless less is asked), as text or a hex dump. */
  'layers.file': call<FileView>()(
    z
      .object({
        image: imageSelector,
        path: imagePath,
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024)
          .optional(),
      })
      .strict(),
  ),
  /** Writes a file of the image to `destination` (an absolute path on this machine), verified, never half-written. */
  'layers.saveFile': task<{ destination: string; size: number }>()(
    z
      .object({ image: imageSelector, path: imagePath, destination: z.string().trim().min(1).max(4096) })
      .strict(),
    (input) => `Save ${input.path}`,
  ),
  /** Files added, removed and changed from image `a` to image `b`, and size change per directory. */
  'layers.diff': task<ImageDiffView>()(
    z.object({ a: imageSelector, b: imageSelector }).strict(),
    (input) => `Compare ${input.a.reference} with ${input.b.reference}`,
  ),
} as const;
