/** Plain data about registries and what they hold, as UIs and the CLI see it. Leaf module: imports only types. */
import type { ImageConfig } from '../oci/config.js';

/** A registry the user works with, keyed by its host as references write it (`docker.io`, `127.0.0.1:5000`). */
export interface RegistryEntry {
  host: string;
  name: string;
  /** Plain HTTP (or unverified TLS). Loopback hosts are always allowed plain HTTP, as dockerd does. */
  insecure: boolean;
  /** PEM of an extra CA to trust for this registry. */
  caPem?: string;
  /** Built in (Docker Hub): cannot be removed. */
  preset: boolean;
}

export interface RegistrySummary extends RegistryEntry {
  /** Who we are logged in as, if anyone; where the credential comes from (never the secret itself). */
  account?: { username: string; source: 'app' | 'docker-config' | 'credential-helper' };
}

/** What a registry supports, found by probing once (`/v2/`, catalog, referrers). */
export interface RegistryCapabilities {
  host: string;
  reachable: boolean;
  /** `Docker-Distribution-API-Version` header, when sent. */
  apiVersion?: string;
  authScheme: 'none' | 'basic' | 'bearer' | 'unknown';
  /** `/v2/_catalog` answered (Hub and GHCR do not list repositories). */
  catalog: boolean;
  /** The OCI 1.1 referrers API answered (else the `sha256-<hex>` tag fallback is used). */
  referrersApi: boolean;
  /** Whether delete is known to work: only a real DELETE tells, so `unknown` until one is tried. */
  deletion: 'enabled' | 'disabled' | 'unknown';
  /** Docker Hub's pull rate limit, from its headers. */
  rateLimit?: { limit: number; remaining: number; windowSeconds: number };
  error?: { code: string; message: string };
}

export interface CatalogPage {
  repositories: string[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
}

/** A tag that names an artifact attached to another manifest (`sha256-<hex>.sig`, `.att`, `.sbom`, referrers index). */
export interface AttachedTag {
  tag: string;
  kind: 'signature' | 'attestation' | 'sbom' | 'referrers';
  /** The digest of the manifest it is attached to. */
  subject: string;
}

export interface TagList {
  repository: string;
  /** Ordinary tags, in the registry's order. */
  tags: string[];
  /** Signature and referrer tags, hidden from `tags` and attached to their subject. */
  attached: AttachedTag[];
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

export interface PlatformManifest extends Platform {
  digest: string;
  mediaType: string;
  /** Bytes of the manifest plus its config and layers, when known. */
  size: number;
}

export interface LayerInfo {
  digest: string;
  mediaType: string;
  size: number;
}

/** The image config as UIs see it: oci/config.ts parses it. */
export type { ImageConfig as ImageConfigInfo } from '../oci/config.js';

/** One tag or digest, resolved: the CLI's `inspect --json` and the Tag detail view. */
export interface ImageInspection {
  /** Fully qualified repository (`docker.io/library/ubuntu`). */
  name: string;
  /** The tag asked for, if any. */
  tag: string | null;
  /** Digest of the manifest (or index) the reference resolves to, computed from the bytes. */
  digest: string;
  mediaType: string;
  /** Per-platform manifests of an index; empty for a single manifest. */
  platforms: PlatformManifest[];
  /** The manifest shown below: the one for the chosen platform (or linux/amd64, else the first). */
  platform?: Platform;
  config: ImageConfig | null;
  layers: LayerInfo[];
  /** Bytes of config + layers of the shown manifest. */
  size: number;
  created: string | null;
  labels: Record<string, string>;
  /** Signature and attestation tags attached to this digest (or the shown platform's). */
  attached: AttachedTag[];
}

/** A tag with what sorting and the tag table need; fetched lazily per tag. */
export interface TagDetails {
  tag: string;
  digest: string;
  mediaType: string;
  platforms: Platform[];
  size: number;
  created: string | null;
}

/** A Docker Hub search hit. */
export interface HubSearchResult {
  name: string;
  description: string;
  official: boolean;
  stars: number;
  pulls: number;
}

/** What deleting a manifest removes: for the confirm dialog and the result. */
export interface DeletePlan {
  /** The manifest digest a delete would remove. */
  digest: string;
  /** Other tags of the repository that point at the same digest and would vanish with it. */
  sharedTags: string[];
}

/** A manifest or index exactly as served, for the raw view and `inspect --raw`. */
export interface RawManifest {
  digest: string;
  mediaType: string;
  /** The manifest exactly as served (UTF-8 JSON). */
  raw: string;
}
