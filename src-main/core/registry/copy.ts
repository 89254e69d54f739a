import { CancelledError, InvalidInputError } from '../errors.js';
import { referrersTag, signatureTag } from '../oci/attached-tags.js';
import type { Descriptor } from '../oci/descriptor.js';
import { defaultPlatformEntry, selectPlatformEntry } from '../oci/index-platforms.js';
import { parsePlatform } from '../oci/platform.js';
import { DEFAULT_TAG, refString } from '../reference/index.js';
import { DEFAULT_CHUNK_BYTES } from './client/blob-chunks.js';
import type { FetchedManifest } from './client/manifests.js';
import { mapConcurrent } from './concurrency.js';
import { copyFailure } from './copy-errors.js';
import type { BlobAction, CopiedBlob, CopyEndpoint, CopyOptions, CopyResult } from './copy-types.js';
import { RegistryError } from './errors.js';

export type { BlobAction, CopiedBlob, CopyEndpoint, CopyOptions, CopyResult } from './copy-types.js';

const DEFAULT_CONCURRENCY = 4;

/**
 * Copies an image from one registry repository to another without a Docker Engine: blobs first
 * (skipped when the destination has them, mounted when both are on one registry, else streamed
 * from source to destination, verified on the way), then manifests, children before their index,
 * byte for byte so digests are kept, the destination tag last of the image's own writes. Then the
 * image's signatures and referrers (cosign `.sig` tag, referrers API or tag schema) follow it,
 * and with `allPlatforms` those of each image of the index too (cosign signs each one).
 * A failure or a cancel leaves the destination tag untouched (blobs already sent stay, unreferenced,
 * so copying again sends only what is missing); its message says what to do next.
 */
export async function imageCopy(
  src: CopyEndpoint,
  dst: CopyEndpoint,
  opts: CopyOptions = {},
): Promise<CopyResult> {
  checkEndpoint(src, 'source');
  checkEndpoint(dst, 'destination');
  try {
    return await new Copier(src, dst, opts).run();
  } catch (error) {
    if (opts.signal?.aborted) throw new CancelledError();
    throw copyFailure(error, { source: src.client.host, destination: dst.client.host });
  }
}

class Copier {
  private readonly srcRepo: string;
  private readonly dstRepo: string;
  private readonly blobs = new Map<string, Promise<CopiedBlob>>();
  private readonly written: string[] = [];
  private readonly warnings: string[] = [];
  private readonly signal: AbortSignal | undefined;
  private readonly mount: boolean;
  /** The destination refused a blob in one PUT: send the others in chunks from the start. */
  private chunked = false;

  constructor(
    private readonly src: CopyEndpoint,
    private readonly dst: CopyEndpoint,
    private readonly opts: CopyOptions,
  ) {
    this.srcRepo = src.ref.path;
    this.dstRepo = dst.ref.path;
    this.signal = opts.signal;
    this.mount = src.client.host === dst.client.host && this.srcRepo !== this.dstRepo;
  }

  async run(): Promise<CopyResult> {
    const reference = this.src.ref.digest ?? this.src.ref.tag ?? DEFAULT_TAG;
    const top = await this.fetch(reference, false);
    const root =
      top.manifest.kind === 'index' && !this.opts.allPlatforms ? await this.pickPlatform(top) : top;
    const target = this.destinationReference(root.digest);
    const children = await this.copyTree(root, target);
    await this.copyReferrers(root.digest);
    for (const child of children) await this.copyReferrers(child.digest);
    const blobs = await Promise.all(this.blobs.values());
    return {
      digest: root.digest,
      size: root.bytes.length,
      mediaType: root.mediaType,
      blobs,
      manifests: [...this.written],
      warnings: this.warnings,
    };
  }

  /** The destination's tag; else the source's tag; else none (the manifest is written by digest). */
  private destinationReference(digest: string): string {
    const { tag, digest: pinned } = this.dst.ref;
    if (pinned && pinned !== digest) {
      throw new InvalidInputError(`the copy is ${digest}, not the destination digest ${pinned}`);
    }
    return tag ?? (pinned ? digest : (this.src.ref.tag ?? digest));
  }

  private async pickPlatform(index: FetchedManifest): Promise<FetchedManifest> {
    if (index.manifest.kind !== 'index') return index;
    const wanted = this.opts.platform === undefined ? undefined : parsePlatform(this.opts.platform);
    const entry = wanted ? selectPlatformEntry(index.manifest, wanted) : defaultPlatformEntry(index.manifest);
    if (!entry) {
      throw new RegistryError(
        'NOT_FOUND',
        `${refString(this.src.ref)} has no image for ${this.opts.platform ?? 'any platform'}.`,
        { details: { host: this.src.client.host, platform: this.opts.platform } },
      );
    }
    return this.fetch(entry.digest, true);
  }

  /**
   * Everything `manifest` needs at the destination, then the manifest itself under `reference`:
   * the blobs of it and of its children (any depth), the children by digest, it last. Resolves
   * with the children written.
   */
  private async copyTree(manifest: FetchedManifest, reference: string): Promise<FetchedManifest[]> {
    const children: FetchedManifest[] = [];
    const blobs: Descriptor[] = [];
    await this.gather(manifest, children, blobs);
    await mapConcurrent(
      blobs,
      this.opts.concurrency ?? DEFAULT_CONCURRENCY,
      (blob) => this.copyBlob(blob),
      this.signal,
    );
    for (const child of children) await this.put(child, child.digest);
    await this.put(manifest, reference);
    return children;
  }

  private async gather(
    manifest: FetchedManifest,
    children: FetchedManifest[],
    blobs: Descriptor[],
  ): Promise<void> {
    const parsed = manifest.manifest;
    if (parsed.kind === 'schema1') {
      throw new RegistryError(
        'UNSUPPORTED',
        `${refString(this.src.ref)} is a Docker schema 1 manifest, which cannot be copied.`,
        {
          details: { host: this.src.client.host, digest: manifest.digest },
        },
      );
    }
    if (parsed.kind === 'image') {
      blobs.push(...[parsed.config, ...parsed.layers].filter(isDistributable));
      return;
    }
    for (const entry of parsed.manifests) {
      const child = await this.fetch(entry.digest, true);
      await this.gather(child, children, blobs);
      children.push(child);
    }
  }

  /** Once per digest, however many manifests share the blob. */
  private copyBlob(blob: Descriptor): Promise<CopiedBlob> {
    let running = this.blobs.get(blob.digest);
    if (!running) {
      running = this.transferBlob(blob);
      this.blobs.set(blob.digest, running);
    }
    return running;
  }

  private async transferBlob(blob: Descriptor): Promise<CopiedBlob> {
    const { digest, size } = blob;
    const label = `${blob.mediaType.includes('config') ? 'config' : 'blob'} ${digest.slice(7, 19)}`;
    const report = (state: 'running' | 'failed', current: number) =>
      this.opts.onProgress?.({ id: digest, label, current, total: size, state });
    const finish = (action: BlobAction): CopiedBlob => {
      const state = action === 'exists' ? 'skipped' : 'done';
      this.opts.onProgress?.({ id: digest, label, current: size, total: size, state, outcome: action });
      return { digest, size, action };
    };
    report('running', 0);
    try {
      if (await this.dst.client.blobHead(this.dstRepo, digest, this.signal)) return finish('exists');
      if (this.mount && (await this.dst.client.blobMount(this.dstRepo, digest, this.srcRepo, this.signal))) {
        return finish('mounted');
      }
      const open = async () =>
        (
          await this.src.client.blobStream(this.srcRepo, digest, {
            size,
            ...(this.signal ? { signal: this.signal } : {}),
          })
        ).stream;
      const chunkSize = this.opts.chunkSize ?? (this.chunked ? DEFAULT_CHUNK_BYTES : undefined);
      await this.dst.client.blobUpload(this.dstRepo, digest, size, await open(), {
        ...(this.signal ? { signal: this.signal } : {}),
        ...(chunkSize ? { chunkSize } : {}),
        reopen: open,
        onChunked: () => {
          this.chunked = true;
        },
        onBytes: (sent) => report('running', sent),
      });
      return finish('uploaded');
    } catch (error) {
      report('failed', 0);
      throw error;
    }
  }

  /**
   * What refers to `digest` on the source: referrers (API or tag schema) by digest, the referrers
   * tag schema's index itself (a destination without the API finds them through it), and cosign's
   * `.sig` tag. Each travels with its blobs; a referrer of a referrer is not followed.
   */
  private async copyReferrers(digest: string): Promise<void> {
    const referrers = await this.src.client.referrersList(
      this.srcRepo,
      digest,
      this.signal ? { signal: this.signal } : {},
    );
    for (const referrer of referrers) {
      await this.copyTree(await this.fetch(referrer.digest, false), referrer.digest);
    }
    for (const tag of [referrersTag(digest), signatureTag(digest)]) {
      const tagged = await this.fetchIfPresent(tag);
      if (tagged) await this.copyTree(tagged, tag);
    }
  }

  private async put(manifest: FetchedManifest, reference: string): Promise<void> {
    if (this.signal?.aborted) throw new CancelledError();
    const { warnings } = await this.dst.client.manifestPut(
      this.dstRepo,
      reference,
      manifest.bytes,
      manifest.mediaType,
      this.signal,
    );
    this.warnings.push(...warnings);
    if (!this.written.includes(manifest.digest)) this.written.push(manifest.digest);
  }

  private async fetch(reference: string, fromIndex: boolean): Promise<FetchedManifest> {
    const fetched = await this.src.client.manifestGet(this.srcRepo, reference, {
      fromIndex,
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.warnings.push(...fetched.warnings);
    return fetched;
  }

  private async fetchIfPresent(tag: string): Promise<FetchedManifest | null> {
    try {
      return await this.fetch(tag, false);
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}

/** Foreign layers (Windows base layers) live elsewhere and registries refuse to host them: not copied. */
function isDistributable(blob: Descriptor): boolean {
  return !/foreign|nondistributable/.test(blob.mediaType);
}

function checkEndpoint(endpoint: CopyEndpoint, side: string): void {
  if (endpoint.ref.domain !== endpoint.client.host) {
    throw new InvalidInputError(
      `the ${side} ${refString(endpoint.ref)} is not on ${endpoint.client.host}, the registry its client talks to`,
    );
  }
}
