import { describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src-main/core/engine/engine-url.js';

describe('parseEngineUrl', () => {
  it.each([
    ['unix:///var/run/docker.sock', { kind: 'unix', path: '/var/run/docker.sock' }],
    ['npipe:////./pipe/docker_engine', { kind: 'npipe', path: '//./pipe/docker_engine' }],
    ['tcp://10.0.0.1:2376', { kind: 'tcp', scheme: 'tcp', host: '10.0.0.1', port: 2376 }],
    ['tcp://engine.example', { kind: 'tcp', scheme: 'tcp', host: 'engine.example' }],
    ['https://engine.example:8443/', { kind: 'tcp', scheme: 'https', host: 'engine.example', port: 8443 }],
    ['tcp://[::1]:2375', { kind: 'tcp', scheme: 'tcp', host: '::1', port: 2375 }],
    ['ssh://deploy@build-box:2222', { kind: 'ssh', host: 'build-box', port: 2222, username: 'deploy' }],
    ['ssh://build-box', { kind: 'ssh', host: 'build-box' }],
  ])('reads %s', (url, expected) => {
    expect(parseEngineUrl(url)).toEqual(expected);
  });

  it.each([
    ['unix://', 'absolute path'],
    ['unix://relative.sock', 'absolute path'],
    ['tcp://', 'a host name is missing'],
    ['tcp://a b', 'not a valid URL'],
    ['tcp://host:2375/v1.41', 'no path'],
    ['ftp://host', 'use unix://'],
    ['/var/run/docker.sock', 'use unix://'],
  ])('refuses %s', (url, why) => {
    expect(() => parseEngineUrl(url)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseEngineUrl(url)).toThrow(why);
  });
});
