import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import { RegistryTransport, type TransportOptions } from '../../src-main/core/registry/transport/index.js';
import { type SelfSignedCertificate, selfSignedCertificate } from '../support/certificates.js';
import { failure } from '../support/failure.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { pushImage } from '../support/transport-upload.js';

describe('RegistryTransport against a registry serving HTTPS with its own CA', () => {
  let registry: Registry;
  let certificate: SelfSignedCertificate;
  const transports: RegistryTransport[] = [];
  const transportFor = (opts: Omit<TransportOptions, 'host'>) => {
    const transport = new RegistryTransport({ host: registry.host, ...opts });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    certificate = await selfSignedCertificate({ commonName: '127.0.0.1', subjectAltName: 'IP:127.0.0.1' });
    registry = await startRegistry({ tls: { certPem: certificate.certPem, keyPem: certificate.keyPem } });
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await registry?.stop();
  });

  it('speaks HTTPS when given the CA', async () => {
    const transport = transportFor({ caPem: certificate.certPem });
    expect((await transport.ping()).baseUrl.href).toBe(`https://${registry.host}/`);
    await pushImage(transport, 'tls/app', 'v1');
    const tags = await transport.request({ method: 'GET', path: '/v2/tls/app/tags/list', scopes: [] });
    expect(await tags.json(65536)).toEqual({ name: 'tls/app', tags: ['v1'] });
  });

  it('refuses an untrusted certificate with TLS_ERROR, without falling back to plain HTTP', async () => {
    const error = await failure<RegistryError>(transportFor({}).ping());
    expect(error.code).toBe('TLS_ERROR');
    expect(error.message).toContain(registry.host);
    expect(error.message).toMatch(/CA|insecure/);
  });

  it('skips verification for a registry marked insecure', async () => {
    const transport = transportFor({ insecure: true });
    expect((await transport.ping()).baseUrl.protocol).toBe('https:');
  });
});
