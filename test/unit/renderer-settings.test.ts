import { describe, expect, it } from 'vitest';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import {
  draftToInput,
  type EngineDraft,
  emptyDraft,
  fieldErrorOf,
  isDraftComplete,
  takesTls,
} from '../../src-renderer/src/features/settings/engine-draft.js';
import { schemeOf, sourceLabel, tlsLabel } from '../../src-renderer/src/features/settings/engine-labels.js';

const endpoint = (change: Partial<EngineEndpoint>): EngineEndpoint => ({
  id: 'x',
  name: 'x',
  url: 'unix:///var/run/docker.sock',
  source: 'user',
  ...change,
});

const draft = (change: Partial<EngineDraft>): EngineDraft => ({ ...emptyDraft, ...change });

describe('sourceLabel', () => {
  it('names where each engine came from', () => {
    expect(sourceLabel(endpoint({ source: 'env' }))).toBe('DOCKER_HOST');
    expect(sourceLabel(endpoint({ source: 'context', name: 'colima' }))).toBe('docker context colima');
    expect(sourceLabel(endpoint({ source: 'default' }))).toBe('default socket');
    expect(sourceLabel(endpoint({ source: 'user' }))).toBe('added in Stevedore');
  });
});

describe('tlsLabel', () => {
  it('says a local socket and SSH need no TLS', () => {
    expect(tlsLabel(endpoint({ url: 'unix:///run/docker.sock' })).label).toBe('—');
    expect(tlsLabel(endpoint({ url: 'npipe:////./pipe/docker_engine' })).label).toBe('—');
    expect(tlsLabel(endpoint({ url: 'ssh://me@build' })).label).toBe('SSH');
  });

  it('flags plain TCP as insecure', () => {
    expect(tlsLabel(endpoint({ url: 'tcp://build:2375' }))).toMatchObject({ label: 'none', insecure: true });
    expect(tlsLabel(endpoint({ url: 'http://build:2375' }))).toMatchObject({ label: 'none', insecure: true });
    expect(tlsLabel(endpoint({ url: 'tcp://build:2375', tlsVerify: false }))).toMatchObject({
      label: 'none',
    });
  });

  it('sees TLS where main speaks it: certificates, verification, port 2376, https', () => {
    expect(tlsLabel(endpoint({ url: 'tcp://build:2375', tlsCertPath: '/certs' })).label).toBe('TLS');
    expect(tlsLabel(endpoint({ url: 'tcp://build', tlsVerify: true })).label).toBe('TLS');
    expect(tlsLabel(endpoint({ url: 'tcp://build:2376' })).label).toBe('TLS');
    expect(tlsLabel(endpoint({ url: 'https://build' })).label).toBe('TLS');
  });

  it('says when the server certificate is not verified, and where the certificates are', () => {
    const label = tlsLabel(endpoint({ url: 'tcp://build:2376', tlsCertPath: '/certs', tlsVerify: false }));
    expect(label.label).toBe('TLS, not verified');
    expect(label.detail).toContain('/certs');
    expect(label.insecure).toBeUndefined();
  });
});

describe('schemeOf and takesTls', () => {
  it('reads the scheme in any case, and nothing from text without one', () => {
    expect(schemeOf(' TCP://host ')).toBe('tcp');
    expect(schemeOf('unix:///a')).toBe('unix');
    expect(schemeOf('tcp:/host')).toBeUndefined();
    expect(schemeOf('')).toBeUndefined();
  });

  it('offers TLS settings for tcp:// and https:// only', () => {
    expect(takesTls('tcp://host:2376')).toBe(true);
    expect(takesTls('https://host')).toBe(true);
    for (const url of ['unix:///a.sock', 'ssh://me@host', 'npipe:////./pipe/x', 'http://host', 'tcp', ''])
      expect(takesTls(url)).toBe(false);
  });
});

describe('isDraftComplete', () => {
  it('wants a name and a URL that are more than spaces', () => {
    expect(isDraftComplete(draft({ name: 'a', url: 'unix:///a' }))).toBe(true);
    expect(isDraftComplete(draft({ name: ' ', url: 'unix:///a' }))).toBe(false);
    expect(isDraftComplete(draft({ name: 'a', url: '' }))).toBe(false);
  });
});

describe('draftToInput', () => {
  it('trims, and sends no TLS fields where TLS means nothing', () => {
    const input = draftToInput(
      draft({ name: ' build ', url: ' ssh://me@build ', tlsCertPath: '/certs', tlsVerify: true }),
    );
    expect(input).toEqual({ name: 'build', url: 'ssh://me@build' });
  });

  it('over TCP sends the verification choice, and the certificate folder when given', () => {
    expect(draftToInput(draft({ name: 'a', url: 'tcp://h:2376', tlsVerify: true }))).toEqual({
      name: 'a',
      url: 'tcp://h:2376',
      tlsVerify: true,
    });
    expect(draftToInput(draft({ name: 'a', url: 'tcp://h:2375', tlsVerify: false }))).toEqual({
      name: 'a',
      url: 'tcp://h:2375',
      tlsVerify: false,
    });
    expect(
      draftToInput(draft({ name: 'a', url: 'tcp://h:2376', tlsCertPath: ' /certs ', tlsVerify: false })),
    ).toEqual({ name: 'a', url: 'tcp://h:2376', tlsCertPath: '/certs', tlsVerify: false });
  });
});

describe('fieldErrorOf', () => {
  it('puts a name that is taken under the name', () => {
    expect(fieldErrorOf({ code: 'CONFLICT', message: 'taken', details: { id: 'user:1' } })).toEqual({
      field: 'name',
      message: 'taken',
    });
  });

  it('puts a schema issue under the field of its path, in the schema’s own words', () => {
    const error = {
      code: 'INVALID_INPUT',
      message: 'engines.add: url: use unix://, npipe://, tcp:// or ssh://',
      details: [
        { code: 'invalid_format', path: ['url'], message: 'use unix://, npipe://, tcp:// or ssh://' },
      ],
    };
    expect(fieldErrorOf(error)).toEqual({ field: 'url', message: 'Use unix://, npipe://, tcp:// or ssh://' });
  });

  it('puts main’s own checks under the field their details name', () => {
    expect(
      fieldErrorOf({ code: 'INVALID_INPUT', message: '/x is not a folder', details: { tlsCertPath: '/x' } }),
    ).toEqual({ field: 'tlsCertPath', message: '/x is not a folder' });
    expect(
      fieldErrorOf({ code: 'INVALID_INPUT', message: 'not an engine URL', details: { url: 'unix://a' } }),
    ).toEqual({ field: 'url', message: 'not an engine URL' });
  });

  it('leaves errors that are about no field for the form as a whole', () => {
    expect(fieldErrorOf({ code: 'DISCONNECTED', message: 'gone' })).toBeUndefined();
    expect(fieldErrorOf({ code: 'INVALID_INPUT', message: 'odd' })).toBeUndefined();
    expect(fieldErrorOf({ code: 'INVALID_INPUT', message: 'odd', details: [{ path: ['engineId'] }] })).toBe(
      undefined,
    );
  });
});
