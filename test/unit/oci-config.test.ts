import { describe, expect, it } from 'vitest';
import {
  artifactKind,
  COSIGN_SIMPLESIGNING,
  DOCKER_LAYER_FOREIGN_GZIP,
  DOCKER_LAYER_GZIP,
  digestOf,
  isDistributable,
  isLayerType,
  layerCompression,
  layerHistory,
  NOTATION_SIGNATURE,
  OCI_LAYER_NONDISTRIBUTABLE_ZSTD,
  OCI_LAYER_ZSTD,
  OciError,
  parseImageConfig,
  SIGSTORE_BUNDLE,
  splitDigest,
  verifyDigest,
} from '../../src-main/core/oci/index.js';

describe('parseImageConfig', () => {
  it('reads what docker inspect shows', () => {
    const config = parseImageConfig(
      Buffer.from(
        JSON.stringify({
          created: '2024-01-02T03:04:05Z',
          architecture: 'arm64',
          os: 'linux',
          variant: 'v8',
          config: {
            Env: ['PATH=/bin', 7],
            Labels: { a: 'b', n: 1 },
            Entrypoint: ['/init'],
            Cmd: null,
            WorkingDir: '/app',
            User: '',
            ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
          },
          history: [
            { created: '2024-01-01T00:00:00Z', created_by: 'ADD rootfs /' },
            { created_by: 'ENV X=1', empty_layer: true },
            { created_by: 'COPY app /app', comment: 'buildkit' },
            'junk',
          ],
          rootfs: { type: 'layers', diff_ids: [`sha256:${'a'.repeat(64)}`, 5, `sha256:${'b'.repeat(64)}`] },
        }),
      ),
    );
    expect(config).toEqual({
      created: '2024-01-02T03:04:05Z',
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      env: ['PATH=/bin'],
      labels: { a: 'b' },
      entrypoint: ['/init'],
      cmd: [],
      workingDir: '/app',
      exposedPorts: ['53/udp', '8080/tcp'],
      diffIds: [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`],
      history: [
        { created: '2024-01-01T00:00:00Z', createdBy: 'ADD rootfs /', emptyLayer: false },
        { createdBy: 'ENV X=1', emptyLayer: true },
        { createdBy: 'COPY app /app', comment: 'buildkit', emptyLayer: false },
      ],
    });
  });

  it('reads an empty object as an empty config', () => {
    expect(parseImageConfig(Buffer.from('{}'))).toMatchObject({ env: [], labels: {}, history: [] });
  });

  it.each(['[]', 'null', '"x"', '{'])('refuses %s with CONFIG_INVALID', (text) => {
    expect(() => parseImageConfig(Buffer.from(text))).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe('layerHistory', () => {
  const steps = [
    { createdBy: 'ADD', emptyLayer: false },
    { createdBy: 'ENV', emptyLayer: true },
    { createdBy: 'COPY', emptyLayer: false },
  ];
  it('pairs layers with the steps that made them, skipping empty ones', () => {
    expect(layerHistory(steps, 2).map((s) => s?.createdBy)).toEqual(['ADD', 'COPY']);
  });
  it('pairs nothing when the counts disagree', () => {
    expect(layerHistory(steps, 3)).toEqual([null, null, null]);
  });
});

describe('digests', () => {
  it('computes sha256 and sha512', () => {
    expect(digestOf(Buffer.from(''))).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(digestOf(Buffer.from('a'), 'sha512')).toMatch(/^sha512:1f40fc92/);
  });

  it('verifies with the algorithm of the expected digest', () => {
    const bytes = Buffer.from('hello');
    expect(verifyDigest(bytes, digestOf(bytes, 'sha512'))).toBe(digestOf(bytes, 'sha512'));
    expect(() => verifyDigest(Buffer.from('hellO'), digestOf(bytes))).toThrow(
      expect.objectContaining({ code: 'DIGEST_MISMATCH' }),
    );
  });

  it.each(['sha256:abc', 'md5:d41d8cd98f00b204e9800998ecf8427e', 'nothing', ''])(
    'refuses %j as DIGEST_INVALID',
    (digest) => {
      expect(() => splitDigest(digest)).toThrow(OciError);
      expect(() => verifyDigest(Buffer.from(''), digest)).toThrow(
        expect.objectContaining({ code: 'DIGEST_INVALID' }),
      );
    },
  );
});

describe('media types', () => {
  it('knows layers, their compression and foreign layers', () => {
    expect(layerCompression(DOCKER_LAYER_GZIP)).toBe('gzip');
    expect(layerCompression(OCI_LAYER_ZSTD)).toBe('zstd');
    expect(layerCompression('application/json')).toBeNull();
    expect(isLayerType(OCI_LAYER_NONDISTRIBUTABLE_ZSTD)).toBe(true);
    expect(isDistributable(OCI_LAYER_NONDISTRIBUTABLE_ZSTD)).toBe(false);
    expect(isDistributable(DOCKER_LAYER_FOREIGN_GZIP)).toBe(false);
    expect(isDistributable(OCI_LAYER_ZSTD)).toBe(true);
    expect(isLayerType('toString')).toBe(false);
  });

  it('names signing artifacts', () => {
    expect(artifactKind(COSIGN_SIMPLESIGNING)).toBe('signature');
    expect(artifactKind(SIGSTORE_BUNDLE)).toBe('signature');
    expect(artifactKind('application/vnd.dev.sigstore.bundle+json;version=0.2')).toBe('signature');
    expect(artifactKind(NOTATION_SIGNATURE)).toBe('signature');
    expect(artifactKind('application/vnd.dsse.envelope.v1+json')).toBe('attestation');
    expect(artifactKind('application/spdx+json')).toBe('sbom');
    expect(artifactKind('application/vnd.oci.image.config.v1+json')).toBeNull();
  });
});
