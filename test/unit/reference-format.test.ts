import { describe, expect, it } from 'vitest';
import {
  parseReference,
  refFamiliar,
  refFamiliarString,
  refName,
  refString,
  registryHost,
  withDefaultTag,
} from '../../src-main/core/reference/index.js';

const SHA256 = 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';

/** [input, refName, refFamiliar], after normalize_test.go's TestParseRepositoryInfo. */
const names: Array<[string, string, string]> = [
  ['ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
  ['library/ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
  ['docker.io/ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
  ['docker.io/library/ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
  ['index.docker.io/library/ubuntu-12.04-base', 'docker.io/library/ubuntu-12.04-base', 'ubuntu-12.04-base'],
  ['user/app', 'docker.io/user/app', 'user/app'],
  ['docker.io/user/app', 'docker.io/user/app', 'user/app'],
  ['index.docker.io/fooo/bar', 'docker.io/fooo/bar', 'fooo/bar'],
  ['other/library', 'docker.io/other/library', 'other/library'],
  ['library/foo/bar', 'docker.io/library/foo/bar', 'library/foo/bar'],
  ['store/foo/bar', 'docker.io/store/foo/bar', 'store/foo/bar'],
  ['localhost/x', 'localhost/x', 'localhost/x'],
  ['localhost:5000/x', 'localhost:5000/x', 'localhost:5000/x'],
  ['localhost:5000/library/x', 'localhost:5000/library/x', 'localhost:5000/library/x'],
  ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000/private/moonbase', '127.0.0.1:8000/private/moonbase'],
  ['example.com:8000/privatebasee', 'example.com:8000/privatebasee', 'example.com:8000/privatebasee'],
  ['[::1]:5000/x', '[::1]:5000/x', '[::1]:5000/x'],
  ['Foo/bar', 'Foo/bar', 'Foo/bar'],
];

describe('refName and refFamiliar', () => {
  it.each(names)('%s', (input, name, familiar) => {
    const ref = parseReference(input);
    expect(refName(ref)).toBe(name);
    expect(refFamiliar(ref)).toBe(familiar);
    // Both forms parse back to the same repository.
    expect(parseReference(name)).toEqual(ref);
    expect(parseReference(familiar)).toEqual(ref);
  });

  it('leaves the tag and digest out', () => {
    const ref = parseReference(`ubuntu:20.04@${SHA256}`);
    expect(refName(ref)).toBe('docker.io/library/ubuntu');
    expect(refFamiliar(ref)).toBe('ubuntu');
  });
});

/** [input, refString, refFamiliarString] */
const strings: Array<[string, string, string]> = [
  ['ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
  ['ubuntu:20.04', 'docker.io/library/ubuntu:20.04', 'ubuntu:20.04'],
  ['index.docker.io/library/ubuntu:20.04', 'docker.io/library/ubuntu:20.04', 'ubuntu:20.04'],
  ['docker.io/user/app:1.0', 'docker.io/user/app:1.0', 'user/app:1.0'],
  [`busybox:latest@${SHA256}`, `docker.io/library/busybox:latest@${SHA256}`, `busybox:latest@${SHA256}`],
  [`user/app@${SHA256}`, `docker.io/user/app@${SHA256}`, `user/app@${SHA256}`],
  [`localhost:5000/x:y@${SHA256}`, `localhost:5000/x:y@${SHA256}`, `localhost:5000/x:y@${SHA256}`],
  ['[::1]:5000/x:TAG', '[::1]:5000/x:TAG', '[::1]:5000/x:TAG'],
];

describe('refString and refFamiliarString', () => {
  it.each(strings)('%s', (input, canonical, familiar) => {
    const ref = parseReference(input);
    expect(refString(ref)).toBe(canonical);
    expect(refFamiliarString(ref)).toBe(familiar);
    expect(parseReference(canonical)).toEqual(ref);
    expect(parseReference(familiar)).toEqual(ref);
  });

  it('is stable: a canonical string parses to itself', () => {
    for (const [input] of strings) {
      const canonical = refString(parseReference(input));
      expect(refString(parseReference(canonical))).toBe(canonical);
    }
  });
});

describe('withDefaultTag', () => {
  it('adds latest when there is neither tag nor digest', () => {
    expect(withDefaultTag(parseReference('ubuntu'))).toEqual({
      domain: 'docker.io',
      path: 'library/ubuntu',
      tag: 'latest',
      digest: null,
    });
    expect(refFamiliarString(withDefaultTag(parseReference('localhost:5000/x')))).toBe(
      'localhost:5000/x:latest',
    );
  });

  it('keeps an explicit tag', () => {
    expect(withDefaultTag(parseReference('ubuntu:20.04')).tag).toBe('20.04');
  });

  it('adds no tag to a digest reference', () => {
    const ref = withDefaultTag(parseReference(`ubuntu@${SHA256}`));
    expect(ref.tag).toBeNull();
    expect(ref.digest).toBe(SHA256);
  });

  it('does not change its argument', () => {
    const ref = parseReference('ubuntu');
    withDefaultTag(ref);
    expect(ref.tag).toBeNull();
  });
});

describe('registryHost', () => {
  it.each([
    ['ubuntu', 'registry-1.docker.io'],
    ['index.docker.io/user/app', 'registry-1.docker.io'],
    ['docker.io/user/app', 'registry-1.docker.io'],
    ['registry-1.docker.io/user/app', 'registry-1.docker.io'],
    ['localhost:5000/x', 'localhost:5000'],
    ['ghcr.io/owner/app', 'ghcr.io'],
    ['[::1]:5000/x', '[::1]:5000'],
  ])('%s -> %s', (input, host) => {
    expect(registryHost(parseReference(input))).toBe(host);
  });
});
