import {
  arrayAt,
  descriptorAt,
  digestAt,
  invalid,
  type JsonObject,
  objectAt,
  optionalAnnotations,
  optionalDescriptor,
  optionalString,
  stringAt,
} from './json-fields.js';
import type { ImageIndex, ImageManifest, Manifest, Schema1Manifest } from './manifest.js';
import {
  baseMediaType,
  DOCKER_SCHEMA1,
  DOCKER_SCHEMA1_SIGNED,
  isImageManifestType,
  isIndexType,
  isManifestType,
  isSchema1Type,
  OCI_INDEX,
  OCI_MANIFEST,
} from './media-types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads manifest bytes as served, with the response's Content-Type, into one of the three kinds
 * we know. The type comes from the Content-Type when it names a manifest, else from the body's
 * `mediaType`, else from the shape (as registries that answer `application/json` need). A body
 * whose own `mediaType` contradicts the Content-Type, or that has the fields of both an index and
 * a manifest, is refused: either reading could be the one an attacker meant (image-spec's
 * "ambiguous documents"). Every refusal is an OciError MANIFEST_INVALID naming the field.
 */
export function parseManifest(bytes: Uint8Array, contentType?: string | null): Manifest {
  const document = parseJson(bytes);
  const mediaType = resolveMediaType(document, contentType ? baseMediaType(contentType) : '');
  if (isIndexType(mediaType)) return parseIndex(document, mediaType);
  if (isImageManifestType(mediaType)) return parseImage(document, mediaType);
  return parseSchema1(document, mediaType);
}

function parseJson(bytes: Uint8Array): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw invalid('', `not UTF-8 JSON (${(error as Error).message})`);
  }
  return objectAt(value, '');
}

function resolveMediaType(document: JsonObject, header: string): string {
  const declared = optionalString(document.mediaType, 'mediaType');
  if (declared !== undefined && !isManifestType(declared)) {
    throw invalid('mediaType', `"${declared.slice(0, 200)}" is not a manifest or index media type`);
  }
  if (isManifestType(header)) {
    if (declared !== undefined && declared !== header) {
      throw invalid('mediaType', `"${declared}" contradicts the Content-Type "${header}"`);
    }
    return header;
  }
  if (declared !== undefined) return declared;
  if (document.schemaVersion === 1)
    return document.signatures === undefined ? DOCKER_SCHEMA1 : DOCKER_SCHEMA1_SIGNED;
  if (document.manifests !== undefined) return OCI_INDEX;
  if (document.config !== undefined) return OCI_MANIFEST;
  throw invalid('', 'neither the Content-Type nor the body says what kind of manifest this is');
}

function checkSchemaVersion(document: JsonObject, expected: number): void {
  if (document.schemaVersion !== expected) {
    throw invalid('schemaVersion', `must be ${expected} for this media type`);
  }
}

function parseIndex(document: JsonObject, mediaType: string): ImageIndex {
  checkSchemaVersion(document, 2);
  if (document.config !== undefined || document.layers !== undefined) {
    throw invalid('', 'an index must not have "config" or "layers" (ambiguous document)');
  }
  const index: ImageIndex = {
    kind: 'index',
    mediaType,
    manifests: arrayAt(document.manifests, 'manifests').map((entry, i) =>
      descriptorAt(entry, `manifests[${i}]`),
    ),
  };
  return withArtifactFields(index, document);
}

function parseImage(document: JsonObject, mediaType: string): ImageManifest {
  checkSchemaVersion(document, 2);
  if (document.manifests !== undefined) {
    throw invalid('', 'an image manifest must not have "manifests" (ambiguous document)');
  }
  const manifest: ImageManifest = {
    kind: 'image',
    mediaType,
    config: descriptorAt(document.config, 'config'),
    layers: arrayAt(document.layers, 'layers').map((entry, i) => descriptorAt(entry, `layers[${i}]`)),
  };
  return withArtifactFields(manifest, document);
}

function withArtifactFields<T extends ImageIndex | ImageManifest>(manifest: T, document: JsonObject): T {
  const artifactType = optionalString(document.artifactType, 'artifactType');
  if (artifactType !== undefined) manifest.artifactType = artifactType;
  const subject = optionalDescriptor(document.subject, 'subject');
  if (subject) manifest.subject = subject;
  const annotations = optionalAnnotations(document.annotations, 'annotations');
  if (annotations) manifest.annotations = annotations;
  return manifest;
}

function parseSchema1(document: JsonObject, mediaType: string): Schema1Manifest {
  if (!isSchema1Type(mediaType)) throw invalid('mediaType', `"${mediaType}" is not a manifest type`);
  checkSchemaVersion(document, 1);
  const fsLayers = arrayAt(document.fsLayers, 'fsLayers').map((entry, i) =>
    digestAt(objectAt(entry, `fsLayers[${i}]`).blobSum, `fsLayers[${i}].blobSum`),
  );
  const history = arrayAt(document.history, 'history').map((entry, i) =>
    stringAt(objectAt(entry, `history[${i}]`).v1Compatibility, `history[${i}].v1Compatibility`),
  );
  if (history.length !== fsLayers.length) {
    throw invalid('history', `has ${history.length} entries for ${fsLayers.length} fsLayers`);
  }
  const signed = document.signatures !== undefined;
  if (signed) arrayAt(document.signatures, 'signatures');
  return {
    kind: 'schema1',
    mediaType: signed ? DOCKER_SCHEMA1_SIGNED : mediaType,
    name: stringAt(document.name, 'name'),
    tag: stringAt(document.tag, 'tag'),
    architecture: stringAt(document.architecture, 'architecture'),
    fsLayers,
    history,
    signed,
  };
}
