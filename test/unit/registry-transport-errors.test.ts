import { describe, expect, it } from 'vitest';
import { CancelledError, StevedoreError } from '../../src-main/core/errors.js';
import { RegistryError, registryErrorFrom } from '../../src-main/core/registry/errors.js';
import { toNetworkError } from '../../src-main/core/registry/transport/network-error.js';

const body = (...errors: object[]) => Buffer.from(JSON.stringify({ errors }));

describe('registryErrorFrom', () => {
  it('maps spec codes and statuses to our codes, naming the host', () => {
    const cases: Array<[number, Buffer | undefined, string]> = [
      [401, body({ code: 'UNAUTHORIZED', message: 'authentication required' }), 'UNAUTHORIZED'],
      [403, body({ code: 'DENIED', message: 'requested access to the resource is denied' }), 'DENIED'],
      [404, body({ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }), 'NOT_FOUND'],
      [404, body({ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }), 'NOT_FOUND'],
      [404, body({ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }), 'NOT_FOUND'],
      [404, undefined, 'NOT_FOUND'],
      [405, body({ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }), 'UNSUPPORTED'],
      [429, body({ code: 'TOOMANYREQUESTS', message: 'slow down' }), 'TOO_MANY_REQUESTS'],
      [500, Buffer.from('<html><body>oops</body></html>'), 'REGISTRY_ERROR'],
      [400, body({ code: 'MANIFEST_INVALID', message: 'manifest invalid' }), 'REGISTRY_ERROR'],
    ];
    for (const [status, bytes, code] of cases) {
      const error = registryErrorFrom(status, bytes, 'registry.example');
      expect(error, `${status}`).toBeInstanceOf(RegistryError);
      expect(error.code, `${status}`).toBe(code);
      expect(error.status).toBe(status);
      expect(error.message).toContain('registry.example');
    }
  });

  it('keeps the spec codes and the server words', () => {
    const error = registryErrorFrom(
      404,
      body({ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'v9' } }),
      'r.example',
    );
    expect(error.specCodes).toEqual(['MANIFEST_UNKNOWN']);
    expect(error.message).toBe('Manifest not found on r.example: manifest unknown.');
    expect(error.toShape().details).toMatchObject({
      host: 'r.example',
      status: 404,
      specCodes: ['MANIFEST_UNKNOWN'],
      errors: [{ code: 'MANIFEST_UNKNOWN', detail: { Tag: 'v9' } }],
    });
  });

  it("reads a token service's details and plain text", () => {
    expect(
      registryErrorFrom(401, Buffer.from('{"details":"incorrect username or password"}'), 'a').message,
    ).toContain('incorrect username or password');
    expect(registryErrorFrom(502, Buffer.from('Bad gateway\nmore'), 'a').message).toBe(
      'a answered HTTP 502: Bad gateway.',
    );
  });

  it('puts Retry-After and rate-limit counters into the details of a 429', () => {
    const error = registryErrorFrom(429, undefined, 'docker.io', {
      'retry-after': '3600',
      'ratelimit-limit': '100;w=21600',
      'ratelimit-remaining': '0;w=21600',
    });
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain('after 3600 s');
    expect(error.toShape().details).toMatchObject({
      retryAfter: '3600',
      rateLimit: { limit: '100;w=21600', remaining: '0;w=21600' },
    });
  });

  it('cuts long server messages', () => {
    const error = registryErrorFrom(500, body({ code: 'UNKNOWN', message: 'x'.repeat(5000) }), 'a');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('toNetworkError', () => {
  const systemError = (code: string) => Object.assign(new Error(`boom ${code}`), { code });

  it('maps socket, DNS, TLS and timeout failures, naming the host', () => {
    const cases: Array<[string, string]> = [
      ['ECONNREFUSED', 'REGISTRY_UNREACHABLE'],
      ['ENOTFOUND', 'REGISTRY_UNREACHABLE'],
      ['ECONNRESET', 'REGISTRY_UNREACHABLE'],
      ['UND_ERR_SOCKET', 'REGISTRY_UNREACHABLE'],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS_ERROR'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS_ERROR'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_ERROR'],
      ['CERT_HAS_EXPIRED', 'TLS_ERROR'],
      ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS_ERROR'],
      ['UND_ERR_HEADERS_TIMEOUT', 'TIMEOUT'],
      ['UND_ERR_BODY_TIMEOUT', 'TIMEOUT'],
      ['UND_ERR_CONNECT_TIMEOUT', 'TIMEOUT'],
      ['EWHATEVER', 'REGISTRY_ERROR'],
    ];
    for (const [code, expected] of cases) {
      const error = toNetworkError(systemError(code), 'registry.example', 30_000);
      expect(error.code, code).toBe(expected);
      expect(error.message, code).toContain('registry.example');
    }
    expect(toNetworkError(systemError('UND_ERR_HEADERS_TIMEOUT'), 'h', 30_000).message).toContain('30 s');
  });

  it('reports an aborted request as cancelled', () => {
    expect(toNetworkError(new Error('aborted'), 'h', 1000, AbortSignal.abort())).toBeInstanceOf(
      CancelledError,
    );
  });

  it('passes our own errors through', () => {
    const ours = new StevedoreError('X', 'y');
    expect(toNetworkError(ours, 'h', 1000)).toBe(ours);
  });
});
