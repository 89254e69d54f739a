import type { Readable } from 'node:stream';
import type { ContentCache } from '../../cache/content-cache.js';
import type { Descriptor } from '../../oci/descriptor.js';
import type { CatalogPage, RegistryCapabilities, TagList } from '../types.js';
import { type BlobStream, type BlobStreamOptions, blobStream } from './blob-stream.js';
import { type BlobUploadOptions, blobHead, blobMount, blobUpload } from './blob-upload.js';
import { blobGet } from './blobs.js';
import { capabilities } from './capabilities.js';
import { type CatalogOptions, catalogPage, catalogPages } from './catalog.js';
import type { ClientContext, ClientState, Transport } from './context.js';
import { type ManifestPutResult, manifestPut } from './manifest-put.js';
import {
  type FetchedManifest,
  type ManifestGetOptions,
  type ManifestHeadResult,
  manifestDelete,
  manifestGet,
  manifestHead,
} from './manifests.js';
import { pushAccess } from './push-access.js';
import { type ReferrersOptions, referrersList } from './referrers.js';
import { type TagPagesOptions, tagList, tagPages } from './tags.js';

export interface RegistryClientOptions {
  /** A RegistryTransport for the registry's host. */
  transport: Transport;
  /** Where immutable content (manifests by digest, configs) is kept between runs. */
  cache?: ContentCache;
}

/**
 * The registry API of one registry host, as Noun+Verb operations over a RegistryTransport. It
 * verifies what it reads (digests computed from bytes, size caps, schemas) and remembers what it
 * learns about the registry (referrers API or not, deletion, rate limit) for its lifetime.
 * Repositories are paths inside the registry (`library/ubuntu`); tags and digests as written.
 */
export class RegistryClient {
  private readonly ctx: ClientContext;

  constructor(opts: RegistryClientOptions) {
    const state: ClientState = { deletion: 'unknown' };
    this.ctx = {
      host: opts.transport.host,
      transport: opts.transport,
      state,
      ...(opts.cache ? { cache: opts.cache } : {}),
    };
  }

  /** As references write it: `docker.io`, `127.0.0.1:5000`. */
  get host(): string {
    return this.ctx.host;
  }

  /** One page of `/v2/_catalog`; pass the previous page's `next` as `cursor`. */
  catalogPage(cursor?: string, pageSize?: number, signal?: AbortSignal): Promise<CatalogPage> {
    return catalogPage(this.ctx, cursor, pageSize, signal);
  }

  /** Every repository, a page at a time, following the registry's next links. */
  catalogPages(opts?: CatalogOptions): AsyncIterable<string[]> {
    return catalogPages(this.ctx, opts);
  }

  tagPages(repo: string, opts?: TagPagesOptions): AsyncIterable<string[]> {
    return tagPages(this.ctx, repo, opts);
  }

  tagList(repo: string, opts?: TagPagesOptions): Promise<TagList> {
    return tagList(this.ctx, repo, opts);
  }

  manifestGet(repo: string, reference: string, opts?: ManifestGetOptions): Promise<FetchedManifest> {
    return manifestGet(this.ctx, repo, reference, opts);
  }

  manifestHead(repo: string, reference: string, signal?: AbortSignal): Promise<ManifestHeadResult> {
    return manifestHead(this.ctx, repo, reference, signal);
  }

  manifestDelete(repo: string, digest: string, signal?: AbortSignal): Promise<void> {
    return manifestDelete(this.ctx, repo, digest, signal);
  }

  blobGet(repo: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    return blobGet(this.ctx, repo, digest, maxBytes, signal);
  }

  /** A blob of any size as a verified stream (see blobStream); `size` is the descriptor's, when known. */
  blobStream(repo: string, digest: string, opts?: BlobStreamOptions): Promise<BlobStream> {
    return blobStream(this.ctx, repo, digest, opts);
  }

  /** Its size when `repo` holds the blob, null when it does not. */
  blobHead(repo: string, digest: string, signal?: AbortSignal): Promise<{ size: number } | null> {
    return blobHead(this.ctx, repo, digest, signal);
  }

  /** Links a blob of `fromRepo` (same registry) into `repo`; false when the registry would not. */
  blobMount(repo: string, digest: string, fromRepo: string, signal?: AbortSignal): Promise<boolean> {
    return blobMount(this.ctx, repo, digest, fromRepo, signal);
  }

  /**
   * `GET /v2/`: learns the registry's scheme and how it wants logins. Every request does it first
   * (once per connection); calling it early takes that round trip off a later request's path.
   */
  async warmUp(signal?: AbortSignal): Promise<void> {
    await this.ctx.transport.ping(signal);
  }

  /** Resolves when the current login may push to `repo` (an upload session is opened and cancelled). */
  pushAccess(repo: string, signal?: AbortSignal): Promise<void> {
    return pushAccess(this.ctx, repo, signal);
  }

  /** Uploads `size` bytes from `source` as the blob `digest` (streamed; see blobUpload). */
  blobUpload(
    repo: string,
    digest: string,
    size: number,
    source: Readable,
    opts?: BlobUploadOptions,
  ): Promise<void> {
    return blobUpload(this.ctx, repo, digest, size, source, opts);
  }

  /** Stores manifest bytes as they are under a tag or their digest. */
  manifestPut(
    repo: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
    signal?: AbortSignal,
  ): Promise<ManifestPutResult> {
    return manifestPut(this.ctx, repo, reference, bytes, mediaType, signal);
  }

  referrersList(repo: string, digest: string, opts?: ReferrersOptions): Promise<Descriptor[]> {
    return referrersList(this.ctx, repo, digest, opts);
  }

  capabilities(signal?: AbortSignal): Promise<RegistryCapabilities> {
    return capabilities(this.ctx, signal);
  }
}
