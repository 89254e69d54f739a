import { describe, expect, it } from 'vitest';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_SCHEMA1,
  DOCKER_SCHEMA1_SIGNED,
  digestOf,
  MANIFEST_ACCEPT,
  manifestDigest,
  OCI_CONFIG,
  OCI_INDEX,
  OCI_LAYER_GZIP,
  OCI_MANIFEST,
  OciError,
  parseManifest,
  schema1Payload,
  verifyManifestDigest,
} from '../../src-main/core/oci/index.js';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const D3 = `sha256:${'c'.repeat(64)}`;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const ociImage = {
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config: { mediaType: OCI_CONFIG, digest: D1, size: 10 },
  layers: [{ mediaType: OCI_LAYER_GZIP, digest: D2, size: 20, annotations: { a: 'b' } }],
};

const dockerList = {
  schemaVersion: 2,
  mediaType: DOCKER_MANIFEST_LIST,
  manifests: [
    { mediaType: DOCKER_MANIFEST, digest: D1, size: 500, platform: { os: 'linux', architecture: 'amd64' } },
    {
      mediaType: DOCKER_MANIFEST,
      digest: D2,
      size: 500,
      platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5576' },
    },
  ],
};

function invalidMessage(bytes: Uint8Array, contentType?: string): string {
  try {
    parseManifest(bytes, contentType);
  } catch (error) {
    expect(error).toBeInstanceOf(OciError);
    expect((error as OciError).code).toBe('MANIFEST_INVALID');
    return (error as OciError).message;
  }
  throw new Error('expected MANIFEST_INVALID');
}

describe('parseManifest', () => {
  it('reads an OCI image manifest', () => {
    const manifest = parseManifest(json(ociImage), OCI_MANIFEST);
    expect(manifest).toEqual({
      kind: 'image',
      mediaType: OCI_MANIFEST,
      config: ociImage.config,
      layers: ociImage.layers,
    });
  });

  it('reads a Docker v2 schema 2 manifest with parameters on the Content-Type', () => {
    const body = { ...ociImage, mediaType: DOCKER_MANIFEST };
    const manifest = parseManifest(json(body), `${DOCKER_MANIFEST}; charset=utf-8`);
    expect(manifest.kind).toBe('image');
    expect(manifest.mediaType).toBe(DOCKER_MANIFEST);
  });

  it('reads a Docker manifest list with platforms and os.version', () => {
    const manifest = parseManifest(json(dockerList), DOCKER_MANIFEST_LIST);
    expect(manifest.kind).toBe('index');
    if (manifest.kind !== 'index') return;
    expect(manifest.manifests[1]?.platform).toEqual({
      os: 'windows',
      architecture: 'amd64',
      osVersion: '10.0.17763.5576',
    });
  });

  it('reads an OCI index with artifactType, subject and annotations', () => {
    const body = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      artifactType: 'application/x-test',
      subject: { mediaType: OCI_MANIFEST, digest: D3, size: 1 },
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
      manifests: [],
    };
    expect(parseManifest(json(body), OCI_INDEX)).toEqual({
      kind: 'index',
      mediaType: OCI_INDEX,
      manifests: [],
      artifactType: 'application/x-test',
      subject: body.subject,
      annotations: body.annotations,
    });
  });

  it('takes the type from the body when the Content-Type is generic or missing', () => {
    expect(parseManifest(json(dockerList), 'application/json').mediaType).toBe(DOCKER_MANIFEST_LIST);
    expect(parseManifest(json(ociImage)).mediaType).toBe(OCI_MANIFEST);
  });

  it('infers OCI types from the shape when neither side names one', () => {
    const { mediaType: _, ...bare } = ociImage;
    expect(parseManifest(json(bare), 'application/octet-stream').mediaType).toBe(OCI_MANIFEST);
    expect(parseManifest(json({ schemaVersion: 2, manifests: [] })).mediaType).toBe(OCI_INDEX);
  });

  it('reads unsigned and signed schema 1', () => {
    const body = {
      schemaVersion: 1,
      name: 'library/x',
      tag: 'latest',
      architecture: 'amd64',
      fsLayers: [{ blobSum: D1 }, { blobSum: D2 }],
      history: [{ v1Compatibility: '{}' }, { v1Compatibility: '{}' }],
    };
    expect(parseManifest(json(body), DOCKER_SCHEMA1)).toMatchObject({
      kind: 'schema1',
      mediaType: DOCKER_SCHEMA1,
      fsLayers: [D1, D2],
      signed: false,
    });
    const signed = parseManifest(json({ ...body, signatures: [] }), 'application/json');
    expect(signed).toMatchObject({ kind: 'schema1', mediaType: DOCKER_SCHEMA1_SIGNED, signed: true });
  });

  it.each([
    ['not JSON', Buffer.from('{"schemaVersion": 2,'), 'not UTF-8 JSON'],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'not UTF-8 JSON'],
    ['a JSON array', json([ociImage]), 'must be an object'],
    ['JSON null', json(null), 'must be an object'],
    ['the wrong schemaVersion', json({ ...ociImage, schemaVersion: 1 }), 'schemaVersion: must be 2'],
    ['no config', json({ ...ociImage, config: undefined }), 'config: must be an object'],
    ['layers not an array', json({ ...ociImage, layers: {} }), 'layers: must be an array'],
    [
      'a bad layer digest',
      json({ ...ociImage, layers: [{ mediaType: OCI_LAYER_GZIP, digest: 'sha256:abc', size: 1 }] }),
      'layers[0].digest: sha256 digest must have 64 hex characters',
    ],
    [
      'a negative size',
      json({ ...ociImage, layers: [{ mediaType: OCI_LAYER_GZIP, digest: D2, size: -1 }] }),
      'layers[0].size: must be a non-negative integer',
    ],
    [
      'a fractional size',
      json({ ...ociImage, config: { mediaType: OCI_CONFIG, digest: D1, size: 1.5 } }),
      'config.size: must be a non-negative integer',
    ],
    [
      'a size as a string',
      json({ ...ociImage, config: { mediaType: OCI_CONFIG, digest: D1, size: '10' } }),
      'config.size',
    ],
    [
      'a non-string annotation',
      json({ ...ociImage, annotations: { n: 1 } }),
      'annotations.n: must be a string',
    ],
    [
      'a platform without architecture',
      json({
        ...dockerList,
        manifests: [{ mediaType: DOCKER_MANIFEST, digest: D1, size: 1, platform: { os: 'linux' } }],
      }),
      'manifests[0].platform.architecture: must be a string',
    ],
    [
      'an unknown body mediaType',
      json({ ...ociImage, mediaType: 'text/html' }),
      '"text/html" is not a manifest',
    ],
    ['no way to tell the kind', json({ schemaVersion: 2 }), 'what kind of manifest'],
    [
      'an index that also has layers',
      json({ ...dockerList, mediaType: OCI_INDEX, layers: [] }),
      'ambiguous document',
    ],
    ['a manifest that also has manifests', json({ ...ociImage, manifests: [] }), 'ambiguous document'],
    [
      'schema 1 with history and fsLayers out of step',
      json({
        schemaVersion: 1,
        name: 'x',
        tag: 'y',
        architecture: 'amd64',
        fsLayers: [{ blobSum: D1 }],
        history: [],
      }),
      'history: has 0 entries for 1 fsLayers',
    ],
  ])('refuses %s', (_, bytes, message) => {
    expect(invalidMessage(bytes, 'application/json')).toContain(message);
  });

  it('refuses a body whose mediaType contradicts the Content-Type', () => {
    expect(invalidMessage(json(ociImage), OCI_INDEX)).toContain(
      `"${OCI_MANIFEST}" contradicts the Content-Type`,
    );
  });

  it('refuses an index served as an image manifest', () => {
    const { mediaType: _, ...bare } = dockerList;
    expect(invalidMessage(json(bare), OCI_MANIFEST)).toContain('must not have "manifests"');
  });
});

describe('MANIFEST_ACCEPT', () => {
  it('lists OCI and Docker images and indexes, schema 1 last', () => {
    expect(MANIFEST_ACCEPT.slice(0, 4).sort()).toEqual(
      [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST].sort(),
    );
    expect(MANIFEST_ACCEPT.slice(4).sort()).toEqual([DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED].sort());
  });
});

/** A schema 1 manifest signed the way libtrust lays it out: the payload, then `,"signatures":[…]}`. */
function signedSchema1(): { bytes: Buffer; payload: Buffer } {
  const payload = Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 1,
        name: 'library/x',
        tag: 'latest',
        architecture: 'amd64',
        fsLayers: [{ blobSum: D1 }],
        history: [{ v1Compatibility: '{}' }],
      },
      null,
      3,
    ),
  );
  const formatLength = payload.length - 2; // everything before the final "\n}"
  const formatTail = payload.subarray(formatLength).toString('base64url');
  const protectedHeader = Buffer.from(
    JSON.stringify({ formatLength, formatTail, time: '2024-01-01T00:00:00Z' }),
  );
  const signatures = `,\n   "signatures": [{"header": {"alg": "ES256"}, "signature": "c2ln", "protected": "${protectedHeader.toString('base64url')}"}]\n}`;
  return { bytes: Buffer.concat([payload.subarray(0, formatLength), Buffer.from(signatures)]), payload };
}

describe('manifestDigest', () => {
  it('hashes the bytes as served for schema 2 and OCI', () => {
    const bytes = json(ociImage);
    expect(manifestDigest(bytes, parseManifest(bytes))).toBe(digestOf(bytes));
  });

  it('hashes the payload without signatures for signed schema 1', () => {
    const { bytes, payload } = signedSchema1();
    const manifest = parseManifest(bytes, DOCKER_SCHEMA1_SIGNED);
    expect(schema1Payload(bytes)).toEqual(payload);
    expect(manifestDigest(bytes, manifest)).toBe(digestOf(payload));
    expect(verifyManifestDigest(bytes, manifest, digestOf(payload))).toBe(digestOf(payload));
  });

  it('refuses a signed schema 1 whose protected header lies about its length', () => {
    const header = Buffer.from(JSON.stringify({ formatLength: 10_000, formatTail: 'fQ' })).toString(
      'base64url',
    );
    const bytes = json({ schemaVersion: 1, signatures: [{ protected: header }] });
    expect(() => schema1Payload(bytes)).toThrow('formatLength: is longer than the manifest');
  });

  it('says DIGEST_MISMATCH with both digests', () => {
    const bytes = json(ociImage);
    expect(() => verifyManifestDigest(bytes, parseManifest(bytes), D1)).toThrow(
      expect.objectContaining({
        code: 'DIGEST_MISMATCH',
        details: { expected: D1, actual: digestOf(bytes) },
      }),
    );
  });
});
