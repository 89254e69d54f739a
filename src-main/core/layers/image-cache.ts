import { StevedoreError } from '../errors.js';
import { imageFilesystem, type LayeredImage } from './image.js';
import type { MergedFs } from './merged-fs.js';
import { type ImageSources, openSelectedImage, selectorKey } from './open-image.js';
import { TreeIndex } from './tree-view.js';
import type { ReadOptions } from './types.js';
import type { ImageSelector } from './views.js';

/** The tree calls need a merged filesystem that is neither there nor cheap to make. */
export class NotScannedError extends StevedoreError {
  constructor(name: string) {
    super('NOT_SCANNED', `Scan the layers of ${name} first: some of its layers have not been listed yet.`, {
      image: name,
    });
  }
}

export interface ImageCacheOptions {
  sources: ImageSources;
  /** Images kept open (each with its merged filesystem): default 4. */
  maxImages?: number;
  /** Tree states kept per image (the merged one, and layers asked for): default 3. */
  maxTrees?: number;
}

export interface CachedImage {
  readonly image: LayeredImage;
  fs: MergedFs | undefined;
  /** By layer index; -1 is the merged filesystem. Least recently used first. */
  readonly trees: Map<number, TreeIndex>;
}

const TOP = -1;

/**
 * The images the UI is looking at, opened once and kept with their merged filesystems, least
 * recently used out. An image is known by its selector; opening it again (`inspect`) resolves
 * the reference afresh, and keeps what was scanned only when it still names the same digest.
 */
export class ImageCache {
  private readonly entries = new Map<string, CachedImage>();
  private readonly opening = new Map<string, Promise<CachedImage>>();
  private readonly maxImages: number;
  private readonly maxTrees: number;

  constructor(private readonly opts: ImageCacheOptions) {
    this.maxImages = opts.maxImages ?? 4;
    this.maxTrees = opts.maxTrees ?? 3;
  }

  /** Opens the image afresh (a tag may have moved since) and says which layers are listed already. */
  async inspect(
    selector: ImageSelector,
    signal?: AbortSignal,
  ): Promise<{ image: LayeredImage; listed: boolean[] }> {
    const key = selectorKey(selector);
    const image = await openSelectedImage(selector, this.opts.sources, signal);
    const known = this.entries.get(key);
    const entry = known?.image.digest === image.digest ? known : { image, fs: undefined, trees: new Map() };
    this.remember(key, entry);
    return { image: entry.image, listed: await this.listed(entry) };
  }

  /** The image for `selector`: the one open already, else opened now. */
  async image(selector: ImageSelector, signal?: AbortSignal): Promise<CachedImage> {
    const key = selectorKey(selector);
    const known = this.entries.get(key);
    if (known) {
      this.remember(key, known);
      return known;
    }
    let opening = this.opening.get(key);
    if (!opening) {
      opening = openSelectedImage(selector, this.opts.sources, signal)
        .then((image) => {
          const entry: CachedImage = { image, fs: undefined, trees: new Map() };
          this.remember(key, entry);
          return entry;
        })
        .finally(() => this.opening.delete(key));
      this.opening.set(key, opening);
    }
    return opening;
  }

  /** Lists every layer (a progress part each; cached listings are skipped) and merges them. */
  async scan(selector: ImageSelector, opts: ReadOptions = {}): Promise<CachedImage & { fs: MergedFs }> {
    const entry = await this.image(selector, opts.signal);
    entry.fs ??= await imageFilesystem(entry.image, opts);
    return entry as CachedImage & { fs: MergedFs };
  }

  /**
   * The merged filesystem for the tree calls: scanned already, or merged now when every layer's
   * listing is on disk (milliseconds); else NOT_SCANNED, since that would mean reading layers
   * without the progress and cancel of a scan.
   */
  async filesystem(selector: ImageSelector): Promise<CachedImage & { fs: MergedFs }> {
    const entry = await this.image(selector);
    if (!entry.fs) {
      if (!(await this.listed(entry)).every(Boolean)) throw new NotScannedError(entry.image.name);
      entry.fs = await imageFilesystem(entry.image);
    }
    return entry as CachedImage & { fs: MergedFs };
  }

  /** The tree of the merged filesystem, or (with `layer`) as that layer left it. */
  async tree(selector: ImageSelector, layer?: number): Promise<TreeIndex> {
    const entry = await this.filesystem(selector);
    const at = layer ?? TOP;
    let tree = entry.trees.get(at);
    if (tree) {
      entry.trees.delete(at);
    } else {
      tree = at === TOP ? TreeIndex.top(entry.fs) : TreeIndex.ofLayer(entry.fs, at);
      if (entry.trees.size >= this.maxTrees) entry.trees.delete(entry.trees.keys().next().value as number);
    }
    entry.trees.set(at, tree);
    return tree;
  }

  /** Per layer: listed already (scanned here, or its listing is on disk), so a scan will not read it. */
  private async listed(entry: CachedImage): Promise<boolean[]> {
    const { listings } = this.opts.sources;
    if (entry.fs || !listings) return entry.image.layers.map(() => entry.fs !== undefined);
    return Promise.all(
      entry.image.layers.map(async (layer) => (await listings.uncompressedSize(layer.digest)) !== undefined),
    );
  }

  private remember(key: string, entry: CachedImage): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxImages)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
