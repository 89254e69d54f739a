import { openEngineSession } from '../../core/engine/open-session.js';
import { type LayeredImage, layersSummary } from '../../core/layers/image.js';
import { ListingCache, layerListingCacheDir } from '../../core/layers/listing-cache.js';
import { type ImageSources, openSelectedImage } from '../../core/layers/open-image.js';
import type { LayerInfo } from '../../core/layers/types.js';
import { parsePlatform } from '../../core/oci/platform.js';
import type { TaskPart } from '../../core/tasks/types.js';
import type { Command, CommandIo } from '../command.js';
import { humanSize, table } from '../format.js';
import { withCancelOnInterrupt } from '../interrupt.js';
import { writeOut } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { withRegistrySession } from '../registry-session.js';
import { UsageError } from '../usage-error.js';

/** The options every layers command takes to name its images. */
export const IMAGE_OPTIONS = {
  platform: { type: 'string' },
  local: { type: 'boolean' },
  engine: { type: 'string' },
} as const;

export const IMAGE_OPTIONS_USAGE = [
  '  --platform P       the image of a registry index for os/arch[/variant] (default linux/amd64,',
  '                     else its first image)',
  "  --local            an image of the engine (a name, name:tag or id) instead of a registry's",
  '  --engine NAME|URL  with --local: an engine by id, name or URL (default: the active engine)',
];

export const layersCommand: Command = {
  usage: [
    'Usage: stevedore layers <ref> [--platform P] [--local [--engine NAME|URL]] [--json]',
    '',
    "Shows an image's layers without pulling it: digest, compression, size, size unpacked and the",
    'build step that made each. A local image is named by diff ids (engines keep no blob digests).',
    'Sizes not known yet read "-": a local layer\'s size and any unpacked size are known once the',
    'layer was listed (by `stevedore files`, `cat`, `diff` or the app).',
    'Options:',
    ...IMAGE_OPTIONS_USAGE,
    '  --json             print {"layers":[{"digest","diffId","mediaType","size","uncompressedSize",',
    '                     "createdBy"}],"history":[{"created","createdBy","emptyLayer"}]}',
  ].join('\n'),
  options: { ...IMAGE_OPTIONS, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [reference = '']) {
    return withLayeredImages(values, io, [reference], async ([image]) => {
      const text = values.json
        ? `${JSON.stringify(layersSummary(image!), null, 2)}\n`
        : layersTable(image!.layers);
      await writeOut(io.stdout, text);
      return 0;
    });
  },
};

export interface LayersRun {
  signal: AbortSignal;
  /** Progress of layers being read, on stderr like push and pull. */
  onProgress: (part: TaskPart) => void;
}

/**
 * Opens the images the command names (from a registry, or with --local from the engine) with the
 * listings cached on disk, shows reading progress on stderr, and cancels on Ctrl+C (exit 1).
 */
export async function withLayeredImages<T>(
  values: Record<string, string | boolean | undefined>,
  io: CommandIo,
  references: string[],
  work: (images: LayeredImage[], run: LayersRun) => Promise<T>,
): Promise<T> {
  const local = values.local === true;
  const engine = values.engine as string | undefined;
  const platform = values.platform as string | undefined;
  if (engine !== undefined && !local) throw new UsageError('--engine names the engine of a --local image');
  if (engine !== undefined && engine.trim() === '') throw new UsageError('--engine needs a name or a URL');
  if (platform !== undefined) {
    if (local) throw new UsageError('--platform picks an image of a registry index; a local image has one');
    try {
      parsePlatform(platform);
    } catch (error) {
      throw new UsageError(`--platform: ${(error as Error).message}`);
    }
  }
  return withRegistrySession(io, async (registries) => {
    // Listings only save reading layers again: a cache folder we cannot use means none.
    const listings = await ListingCache.open(layerListingCacheDir(io.env)).catch(() => undefined);
    const engines = local ? (await openEngineSession(io.env)).session : undefined;
    const progress = createProgressReporter(io.stderr, {
      tty: (io.stderr as NodeJS.WriteStream).isTTY === true,
      verb: 'reading',
    });
    const sources: ImageSources = {
      registry: (domain) => registries.client(domain),
      engine: async (engineId) => (await engines!.resolve(engineId)).docker,
      listings,
    };
    try {
      return await withCancelOnInterrupt(async (signal) => {
        const images: LayeredImage[] = [];
        for (const reference of references) {
          const selector = {
            reference,
            source: local ? ('local' as const) : ('remote' as const),
            ...(engine === undefined ? {} : { engineId: engine }),
            ...(platform === undefined ? {} : { platform }),
          };
          images.push(await openSelectedImage(selector, sources, signal));
        }
        // A listing read from the cache is no news: only layers really read get a line.
        const onProgress = (part: TaskPart) => part.state !== 'skipped' && progress.update(part);
        return await work(images, { signal, onProgress });
      });
    } finally {
      progress.end();
      await engines?.close();
    }
  });
}

/** Like `docker history`: one row per layer, base first. */
function layersTable(layers: readonly LayerInfo[]): string {
  const size = (bytes: number | null) => (bytes === null ? '-' : humanSize(bytes));
  const rows = layers.map((layer) => [
    String(layer.index),
    layer.digest.slice(layer.digest.indexOf(':') + 1, layer.digest.indexOf(':') + 13),
    `${layer.compression === 'none' ? 'tar' : (layer.compression ?? layer.mediaType)}${layer.distributable ? '' : ' (foreign)'}`,
    size(layer.size),
    size(layer.uncompressedSize),
    oneLine(layer.createdBy ?? '-'),
  ]);
  return table(['#', 'DIGEST', 'TYPE', 'SIZE', 'UNPACKED', 'CREATED BY'], rows);
}

/** A build step on one line, cut like `docker history` cuts it (the JSON has it whole). */
function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
