import { describe, expect, it } from 'vitest';
import { configKeyHost, registryHostKey, serverAddress } from '../../src-main/core/credentials/host.js';

describe('configKeyHost', () => {
  it('folds every spelling of Docker Hub into docker.io', () => {
    for (const key of [
      'https://index.docker.io/v1/',
      'index.docker.io',
      'registry-1.docker.io',
      'docker.io',
      'https://registry-1.docker.io',
      'HTTPS://Index.Docker.IO/v1/',
    ]) {
      expect(configKeyHost(key), key).toEqual({ host: 'docker.io', login: true });
    }
  });

  it('drops scheme and API path as docker does, and keeps the port', () => {
    expect(configKeyHost('http://127.0.0.1:5000')).toEqual({ host: '127.0.0.1:5000', login: true });
    expect(configKeyHost('https://Registry.Example.com:443/v2/')).toEqual({
      host: 'registry.example.com:443',
      login: true,
    });
    expect(configKeyHost('[::1]:5000')).toEqual({ host: '[::1]:5000', login: true });
    expect(configKeyHost('ghcr.io')).toEqual({ host: 'ghcr.io', login: true });
  });

  it('marks keys with other paths as not logins (Docker Desktop keeps its tokens beside them)', () => {
    expect(configKeyHost('https://index.docker.io/v1/access-token')).toEqual({
      host: 'docker.io',
      login: false,
    });
    expect(configKeyHost('https://example.com/some/path')).toEqual({ host: 'example.com', login: false });
  });
});

describe('registryHostKey', () => {
  it('accepts hosts as references write them, and config.json spellings', () => {
    expect(registryHostKey('docker.io')).toBe('docker.io');
    expect(registryHostKey(' 127.0.0.1:5000 ')).toBe('127.0.0.1:5000');
    expect(registryHostKey('localhost')).toBe('localhost');
    expect(registryHostKey('[::1]:5000')).toBe('[::1]:5000');
    expect(registryHostKey('https://index.docker.io/v1/')).toBe('docker.io');
    expect(registryHostKey('Quay.IO')).toBe('quay.io');
  });

  it('refuses what is not a host, with INVALID_INPUT and the reason', () => {
    for (const bad of [
      '',
      '   ',
      'two words',
      'host:abc',
      'a_b.example.com',
      'https://example.com/x/y',
      '::1:5000',
    ]) {
      expect(() => registryHostKey(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(() => registryHostKey('host:abc')).toThrow(/invalid port "abc"/);
  });
});

describe('serverAddress', () => {
  it('is the v1 index URL for Docker Hub, as `docker login` writes it, and the host elsewhere', () => {
    expect(serverAddress('docker.io')).toBe('https://index.docker.io/v1/');
    expect(serverAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});
