import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../src-main/core/registry/transport/index.js';

describe('parseChallenges', () => {
  it('reads the challenges registries send', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/ubuntu:pull',
        },
      },
    ]);
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
  });

  it('takes parameters in any order, with names in any case', () => {
    const [challenge] = parseChallenges(
      'bearer SCOPE="registry:catalog:*", Service="svc", Realm="https://a/t"',
    );
    expect(challenge).toEqual({
      scheme: 'bearer',
      params: { scope: 'registry:catalog:*', service: 'svc', realm: 'https://a/t' },
    });
  });

  it('splits several challenges in one header, parameters and all', () => {
    expect(
      parseChallenges('Negotiate, Basic realm="a, b", Bearer realm="https://t/x",error="insufficient_scope"'),
    ).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'a, b' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', error: 'insufficient_scope' } },
    ]);
  });

  it('undoes escapes in quoted strings', () => {
    const [challenge] = parseChallenges('Basic realm="say \\"hi\\" \\\\ back", charset="UTF-8"');
    expect(challenge?.params).toEqual({ realm: 'say "hi" \\ back', charset: 'UTF-8' });
  });

  it('accepts odd spacing and empty list elements', () => {
    expect(parseChallenges('  Bearer   realm = "https://t/x" ,  , service=reg ,scope = "a b" ')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://t/x', service: 'reg', scope: 'a b' } },
    ]);
  });

  it('reads unquoted values', () => {
    expect(parseChallenges('Basic realm=simple, Bearer realm=https://t/x,service=s')).toEqual([
      { scheme: 'basic', params: { realm: 'simple' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', service: 's' } },
    ]);
  });

  it('reads a token68 instead of parameters', () => {
    expect(parseChallenges('Negotiate YIIB+w==, Basic realm="r"')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'YIIB+w==' },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
    expect(parseChallenges('NTLM abc/def=')).toEqual([{ scheme: 'ntlm', params: {}, token68: 'abc/def=' }]);
  });

  it('keeps what it can of a broken header and never throws', () => {
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges(' , ')).toEqual([]);
    expect(parseChallenges('realm="x"')).toEqual([]);
    expect(parseChallenges('Bearer realm="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
    expect(parseChallenges('"junk", Basic realm="r"')).toEqual([{ scheme: 'basic', params: { realm: 'r' } }]);
  });
});
