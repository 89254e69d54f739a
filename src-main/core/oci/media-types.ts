/**
 * The media types of OCI and Docker content. A media type says how to read a blob: a manifest
 * (the index of an image), an index (a list of manifests, one per platform), a config, or a layer.
 */

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The `{}` blob OCI 1.1 artifacts use as config (and as a layer) when they need none. */
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
/** Non-distributable ("foreign") layers: registries may refuse them; clients fetch them from `urls`. */
export const OCI_LAYER_NONDISTRIBUTABLE = 'application/vnd.oci.image.layer.nondistributable.v1.tar';
export const OCI_LAYER_NONDISTRIBUTABLE_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';
export const OCI_LAYER_NONDISTRIBUTABLE_ZSTD = 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd';

export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const DOCKER_PLUGIN_CONFIG = 'application/vnd.docker.plugin.v1+json';
export const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';
export const DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
export const DOCKER_LAYER_FOREIGN_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';

/** Docker's first manifest format: read-only here, nobody should push it any more. */
export const DOCKER_SCHEMA1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const DOCKER_SCHEMA1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';

/** cosign's classic signature (tag `sha256-<hex>.sig`): each layer is a simple-signing payload. */
export const COSIGN_SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_ARTIFACT_SIG = 'application/vnd.dev.cosign.artifact.sig.v1+json';
export const COSIGN_ARTIFACT_SBOM = 'application/vnd.dev.cosign.artifact.sbom.v1+json';
/** cosign attestations (tag `.att`) are DSSE envelopes around in-toto statements. */
export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
export const IN_TOTO = 'application/vnd.in-toto+json';
/** cosign 3's OCI 1.1 referrer; older bundles differ only in the version suffix. */
export const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const SIGSTORE_BUNDLE_PREFIX = 'application/vnd.dev.sigstore.bundle';
export const NOTATION_SIGNATURE = 'application/vnd.cncf.notary.signature';
export const JOSE = 'application/jose+json';
export const COSE = 'application/cose';

/**
 * What we send as `Accept` for a manifest: every manifest and index type we can read, OCI and
 * Docker, schema 1 last. A registry converts (or refuses) content whose type is missing here,
 * and converted bytes have another digest, so leaving one out changes what a digest means.
 */
export const MANIFEST_ACCEPT: readonly string[] = [
  OCI_INDEX,
  OCI_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST,
  DOCKER_SCHEMA1_SIGNED,
  DOCKER_SCHEMA1,
];

export const MANIFEST_ACCEPT_HEADER = MANIFEST_ACCEPT.join(', ');

/** Strips parameters and case from a Content-Type: `Application/JSON; charset=utf-8` → `application/json`. */
export function baseMediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

export function isIndexType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isImageManifestType(mediaType: string): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

export function isSchema1Type(mediaType: string): boolean {
  return mediaType === DOCKER_SCHEMA1 || mediaType === DOCKER_SCHEMA1_SIGNED;
}

export function isManifestType(mediaType: string): boolean {
  return isIndexType(mediaType) || isImageManifestType(mediaType) || isSchema1Type(mediaType);
}

export type LayerCompression = 'gzip' | 'zstd' | 'none';

const LAYERS: Readonly<Record<string, { compression: LayerCompression; distributable: boolean }>> = {
  [OCI_LAYER]: { compression: 'none', distributable: true },
  [OCI_LAYER_GZIP]: { compression: 'gzip', distributable: true },
  [OCI_LAYER_ZSTD]: { compression: 'zstd', distributable: true },
  [OCI_LAYER_NONDISTRIBUTABLE]: { compression: 'none', distributable: false },
  [OCI_LAYER_NONDISTRIBUTABLE_GZIP]: { compression: 'gzip', distributable: false },
  [OCI_LAYER_NONDISTRIBUTABLE_ZSTD]: { compression: 'zstd', distributable: false },
  [DOCKER_LAYER]: { compression: 'none', distributable: true },
  [DOCKER_LAYER_GZIP]: { compression: 'gzip', distributable: true },
  [DOCKER_LAYER_FOREIGN_GZIP]: { compression: 'gzip', distributable: false },
};

/** A filesystem layer (a tar, maybe compressed), as opposed to an artifact's payload. */
export function isLayerType(mediaType: string): boolean {
  return Object.hasOwn(LAYERS, mediaType);
}

/** How a layer is compressed, or null when the media type is not a filesystem layer. */
export function layerCompression(mediaType: string): LayerCompression | null {
  return Object.hasOwn(LAYERS, mediaType) ? LAYERS[mediaType]!.compression : null;
}

/** False for foreign layers, which registries need not hold (Windows base layers, typically). */
export function isDistributable(mediaType: string): boolean {
  return !Object.hasOwn(LAYERS, mediaType) || LAYERS[mediaType]!.distributable;
}

export function isConfigType(mediaType: string): boolean {
  return mediaType === OCI_CONFIG || mediaType === DOCKER_CONFIG;
}

export type ArtifactKind = 'signature' | 'attestation' | 'sbom';

/**
 * What a signing or attestation media type (an `artifactType`, a config's or a layer's type)
 * says the artifact is; null for anything else. A hint for display only: verification opens
 * the manifest and checks what it really holds.
 */
export function artifactKind(mediaType: string): ArtifactKind | null {
  if (
    mediaType === COSIGN_SIMPLESIGNING ||
    mediaType === COSIGN_ARTIFACT_SIG ||
    mediaType === NOTATION_SIGNATURE ||
    mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX)
  ) {
    return 'signature';
  }
  if (mediaType === DSSE_ENVELOPE || mediaType === IN_TOTO) return 'attestation';
  if (mediaType === COSIGN_ARTIFACT_SBOM || /^application\/(spdx|vnd\.cyclonedx)\+json$/.test(mediaType)) {
    return 'sbom';
  }
  return null;
}
