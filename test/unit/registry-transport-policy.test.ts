import { describe, expect, it } from 'vitest';
import { StevedoreError } from '../../src-main/core/errors.js';
import type { RegistryError } from '../../src-main/core/registry/errors.js';
import {
  apiHostFor,
  checkRealm,
  checkRedirect,
  isLoopbackHost,
  schemesFor,
} from '../../src-main/core/registry/transport/policy.js';

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1, as dockerd does', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      'registry.example',
      '10.0.0.1',
      '192.168.1.2',
      '128.0.0.1',
      'localhost.example',
      '[::2]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('schemesFor', () => {
  it('gives a host on the network HTTPS only', () => {
    expect(schemesFor('registry.example', false)).toEqual(['https']);
    expect(schemesFor('registry.example:5000', false)).toEqual(['https']);
    expect(schemesFor('192.0.2.7:5000', false)).toEqual(['https']);
  });

  it('lets loopback hosts and hosts marked insecure fall back to plain HTTP, after HTTPS', () => {
    expect(schemesFor('127.0.0.1:5000', false)).toEqual(['https', 'http']);
    expect(schemesFor('localhost:5000', false)).toEqual(['https', 'http']);
    expect(schemesFor('[::1]:5000', false)).toEqual(['https', 'http']);
    expect(schemesFor('registry.example:5000', true)).toEqual(['https', 'http']);
  });
});

describe('apiHostFor', () => {
  it("serves docker.io's API from registry-1.docker.io and keeps other hosts", () => {
    expect(apiHostFor('docker.io')).toBe('registry-1.docker.io');
    expect(apiHostFor('Registry.Example:5000')).toBe('registry.example:5000');
    expect(apiHostFor('[::1]:5000')).toBe('[::1]:5000');
  });

  it('refuses what is not host[:port]', () => {
    for (const host of ['', 'a/b', 'user@host', 'host?x', 'http://host', 'a b']) {
      expect(() => apiHostFor(host), host).toThrow(StevedoreError);
    }
  });
});

describe('checkRealm', () => {
  const hub = new URL('https://registry-1.docker.io/');
  const local = new URL('http://127.0.0.1:5000/');
  const insecure = new URL('http://registry.lan:5000/');

  it('accepts an HTTPS realm on another host (Docker Hub: auth.docker.io)', () => {
    expect(checkRealm('https://auth.docker.io/token', hub, 'docker.io').href).toBe(
      'https://auth.docker.io/token',
    );
  });

  it('accepts a plain-HTTP realm on loopback for a loopback registry', () => {
    expect(checkRealm('http://127.0.0.1:6000/token', local, '127.0.0.1:5000').host).toBe('127.0.0.1:6000');
  });

  it("accepts a plain-HTTP realm on a plain-HTTP registry's own host", () => {
    expect(checkRealm('http://registry.lan:5000/auth', insecure, 'registry.lan:5000').pathname).toBe('/auth');
  });

  it('accepts realms on the registry host or beside it under its parent domain', () => {
    const ghcr = new URL('https://ghcr.io/');
    expect(checkRealm('https://ghcr.io/token', ghcr, 'ghcr.io').host).toBe('ghcr.io');
    const gitlab = new URL('https://registry.gitlab.com/');
    expect(checkRealm('https://gitlab.com/jwt/auth', gitlab, 'registry.gitlab.com').host).toBe('gitlab.com');
    const harbor = new URL('https://harbor.corp.example:8443/');
    expect(
      checkRealm('https://harbor.corp.example:8443/service/token', harbor, 'harbor.corp.example:8443').port,
    ).toBe('8443');
  });

  it('refuses an HTTPS realm on an unrelated host: credentials and requests stay with the registry', () => {
    const ghcr = new URL('https://ghcr.io/');
    expect(codeOf(() => checkRealm('https://evil.example/token', ghcr, 'ghcr.io'))).toBe(
      'CROSS_HOST_REFUSED',
    );
    expect(codeOf(() => checkRealm('https://io/token', ghcr, 'ghcr.io'))).toBe('CROSS_HOST_REFUSED');
    expect(codeOf(() => checkRealm('https://auth.docker.io.evil.example/t', hub, 'docker.io'))).toBe(
      'CROSS_HOST_REFUSED',
    );
    const byAddress = new URL('https://10.1.2.3:5000/');
    expect(codeOf(() => checkRealm('https://10.1.2.4/token', byAddress, '10.1.2.3:5000'))).toBe(
      'CROSS_HOST_REFUSED',
    );
  });

  it('refuses a plain-HTTP realm on another host', () => {
    expect(codeOf(() => checkRealm('http://auth.example/token', hub, 'docker.io'))).toBe(
      'CROSS_HOST_REFUSED',
    );
    expect(codeOf(() => checkRealm('http://auth.example/token', local, '127.0.0.1:5000'))).toBe(
      'CROSS_HOST_REFUSED',
    );
    expect(codeOf(() => checkRealm('http://other.lan/token', insecure, 'registry.lan:5000'))).toBe(
      'CROSS_HOST_REFUSED',
    );
  });

  it("refuses a plain-HTTP realm on an HTTPS registry's own host", () => {
    expect(codeOf(() => checkRealm('http://registry-1.docker.io/token', hub, 'docker.io'))).toBe(
      'INSECURE_REFUSED',
    );
  });

  it('refuses a realm on this machine named by a registry elsewhere', () => {
    expect(codeOf(() => checkRealm('https://127.0.0.1/token', hub, 'docker.io'))).toBe('CROSS_HOST_REFUSED');
    expect(codeOf(() => checkRealm('https://localhost:8443/token', hub, 'docker.io'))).toBe(
      'CROSS_HOST_REFUSED',
    );
  });

  it('refuses realms that are not http(s) URLs', () => {
    expect(codeOf(() => checkRealm('not a url', hub, 'docker.io'))).toBe('PROTOCOL_ERROR');
    expect(codeOf(() => checkRealm('file:///etc/passwd', hub, 'docker.io'))).toBe('PROTOCOL_ERROR');
  });
});

describe('checkRedirect', () => {
  const https = new URL('https://registry.example/');
  const local = new URL('http://127.0.0.1:5000/');

  it('follows HTTPS storage on another host, and plain HTTP from a plain-HTTP registry', () => {
    expect(() =>
      checkRedirect(new URL('https://s3.example/bucket/x'), https, 'registry.example'),
    ).not.toThrow();
    expect(() => checkRedirect(new URL('http://127.0.0.1:9000/x'), local, '127.0.0.1:5000')).not.toThrow();
  });

  it('refuses a downgrade from HTTPS to plain HTTP', () => {
    expect(codeOf(() => checkRedirect(new URL('http://s3.example/x'), https, 'registry.example'))).toBe(
      'INSECURE_REFUSED',
    );
  });

  it('refuses a redirect into this machine from a registry elsewhere', () => {
    expect(codeOf(() => checkRedirect(new URL('https://127.0.0.1/x'), https, 'registry.example'))).toBe(
      'CROSS_HOST_REFUSED',
    );
  });

  it('refuses other schemes', () => {
    expect(codeOf(() => checkRedirect(new URL('ftp://s3.example/x'), https, 'registry.example'))).toBe(
      'PROTOCOL_ERROR',
    );
  });
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as RegistryError).code;
  }
  return 'no error';
}
