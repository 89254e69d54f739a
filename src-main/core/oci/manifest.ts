import type { Descriptor } from './descriptor.js';

/** A list of manifests, one per platform (or, for referrers, one per artifact). */
export interface ImageIndex {
  kind: 'index';
  /** OCI index or Docker manifest list. */
  mediaType: string;
  manifests: Descriptor[];
  artifactType?: string;
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** One image (or artifact): its config and its layers, in order from the base up. */
export interface ImageManifest {
  kind: 'image';
  /** OCI manifest or Docker v2 schema 2 manifest. */
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  artifactType?: string;
  /** OCI 1.1: the manifest this one is about (a signature's image). */
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** Docker's v2 schema 1 manifest: read-only, for registries that still hold some. */
export interface Schema1Manifest {
  kind: 'schema1';
  mediaType: string;
  name: string;
  tag: string;
  architecture: string;
  /** Layer digests as stored: the newest layer first. */
  fsLayers: string[];
  /** The legacy per-layer JSON, aligned with fsLayers. */
  history: string[];
  /** Signed (`+prettyjws`): its digest covers the payload without the signatures. */
  signed: boolean;
}

export type Manifest = ImageIndex | ImageManifest | Schema1Manifest;
