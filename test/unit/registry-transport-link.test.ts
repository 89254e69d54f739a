import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../src-main/core/registry/errors.js';
import { parseNextLink } from '../../src-main/core/registry/transport/index.js';
import { checkLink } from '../../src-main/core/registry/transport/policy.js';

describe('parseNextLink', () => {
  it('reads the link distribution sends', () => {
    expect(parseNextLink('</v2/_catalog?last=b&n=2>; rel="next"')).toBe('/v2/_catalog?last=b&n=2');
  });

  it('finds next among several links, parameters in any order, rel quoted or not', () => {
    expect(parseNextLink('<https://r/v2/x?p=1>; rel="prev", <https://r/v2/x?p=3>; title="t"; rel=next')).toBe(
      'https://r/v2/x?p=3',
    );
    expect(parseNextLink(['<a>; rel="last"', '<b>;rel="NEXT"'])).toBe('b');
  });

  it('understands several relation types in one rel', () => {
    expect(parseNextLink('</v2/t?last=x>; rel="next last"')).toBe('/v2/t?last=x');
  });

  it('keeps commas inside the target and quoted parameters', () => {
    expect(parseNextLink('</v2/x?a=1,2>; title="a, b"; rel="next"')).toBe('/v2/x?a=1,2');
  });

  it('is null without a next link', () => {
    expect(parseNextLink(undefined)).toBeNull();
    expect(parseNextLink('')).toBeNull();
    expect(parseNextLink('</v2/x>; rel="prev"')).toBeNull();
    expect(parseNextLink('garbage')).toBeNull();
  });
});

describe('checkLink', () => {
  const base = new URL('https://registry.example/');
  const responseUrl = new URL('https://registry.example/v2/_catalog?n=2');

  it('resolves relative links and keeps path and query only', () => {
    expect(checkLink('/v2/_catalog?last=b&n=2', responseUrl, base, 'registry.example')).toEqual({
      path: '/v2/_catalog',
      query: { last: 'b', n: '2' },
    });
    expect(
      checkLink('https://registry.example:443/v2/x?last=c', responseUrl, base, 'registry.example').path,
    ).toBe('/v2/x');
  });

  it('refuses links to another host (even another port) with CROSS_HOST_REFUSED', () => {
    for (const target of ['https://evil.example/v2/_catalog', 'https://registry.example:5000/v2/_catalog']) {
      const error = catchError(() => checkLink(target, responseUrl, base, 'registry.example'));
      expect(error).toBeInstanceOf(RegistryError);
      expect(error.code).toBe('CROSS_HOST_REFUSED');
      expect(error.message).toContain('registry.example');
    }
  });

  it('refuses links outside /v2/', () => {
    expect(catchError(() => checkLink('/admin?x=1', responseUrl, base, 'registry.example')).code).toBe(
      'PROTOCOL_ERROR',
    );
  });
});

function catchError(run: () => unknown): RegistryError {
  try {
    run();
  } catch (error) {
    return error as RegistryError;
  }
  throw new Error('expected an error');
}
