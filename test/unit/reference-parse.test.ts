import { describe, expect, it } from 'vitest';
import { StevedoreError } from '../../src-main/core/errors.js';
import type { ImageRef } from '../../src-main/core/reference/index.js';
import { InvalidReferenceError, parseReference } from '../../src-main/core/reference/index.js';

const SHA256 = 'sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';
const SHA512 = `sha512:${'f'.repeat(128)}`;
const IMAGE_ID = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

const ref = (
  domain: string,
  path: string,
  tag: string | null = null,
  digest: string | null = null,
): ImageRef => ({
  domain,
  path,
  tag,
  digest,
});

/** Valid references and what they normalize to, in the spirit of distribution's reference_test.go. */
const valid: Array<[string, ImageRef]> = [
  // Docker Hub and its familiar forms
  ['ubuntu', ref('docker.io', 'library/ubuntu')],
  ['ubuntu:20.04', ref('docker.io', 'library/ubuntu', '20.04')],
  ['docker.io/ubuntu', ref('docker.io', 'library/ubuntu')],
  ['docker.io/library/ubuntu', ref('docker.io', 'library/ubuntu')],
  ['index.docker.io/ubuntu', ref('docker.io', 'library/ubuntu')],
  ['index.docker.io/library/ubuntu:20.04', ref('docker.io', 'library/ubuntu', '20.04')],
  ['index.docker.io/docker/docker', ref('docker.io', 'docker/docker')],
  ['library/debian', ref('docker.io', 'library/debian')],
  ['user/app', ref('docker.io', 'user/app')],
  ['docker.io/user/app:1.0', ref('docker.io', 'user/app', '1.0')],
  ['library/foo/bar', ref('docker.io', 'library/foo/bar')],
  ['store/foo/bar', ref('docker.io', 'store/foo/bar')],
  ['test_com', ref('docker.io', 'library/test_com')],
  ['test_com/foo', ref('docker.io', 'test_com/foo')],
  ['docker/migrator', ref('docker.io', 'docker/migrator')],
  ['registry-1.docker.io/x', ref('registry-1.docker.io', 'x')],
  // a name with a colon and no slash is name:tag, never host:port
  ['test.com:tag', ref('docker.io', 'library/test.com', 'tag')],
  ['test.com:5000', ref('docker.io', 'library/test.com', '5000')],
  ['localhost:5000', ref('docker.io', 'library/localhost', '5000')],
  ['192.168.1.1', ref('docker.io', 'library/192.168.1.1')],
  ['192.168.1.1:5000', ref('docker.io', 'library/192.168.1.1', '5000')],
  ['foo_bar.com:8080', ref('docker.io', 'library/foo_bar.com', '8080')],
  ['foo/foo_bar.com:8080', ref('docker.io', 'foo/foo_bar.com', '8080')],
  // separators inside path components
  ['docker-rules/docker', ref('docker.io', 'docker-rules/docker')],
  ['docker---rules/docker', ref('docker.io', 'docker---rules/docker')],
  ['dock__er/docker', ref('docker.io', 'dock__er/docker')],
  ['d/docker', ref('docker.io', 'd/docker')],
  ['jess/t', ref('docker.io', 'jess/t')],
  ['user/a.b_c-d', ref('docker.io', 'user/a.b_c-d')],
  [
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    ref('docker.io', 'library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev'),
  ],
  // a 63-character hex name is a name; only exactly 64 is read as an image id
  [IMAGE_ID.slice(0, 63), ref('docker.io', `library/${IMAGE_ID.slice(0, 63)}`)],
  [`docker.io/${IMAGE_ID}`, ref('docker.io', `library/${IMAGE_ID}`)],
  // domains: ".", ":" or localhost
  ['localhost/x', ref('localhost', 'x')],
  ['localhost:5000/x', ref('localhost:5000', 'x')],
  [`localhost:5000/x:y@${SHA256}`, ref('localhost:5000', 'x', 'y', SHA256)],
  ['test.com/repo:tag', ref('test.com', 'repo', 'tag')],
  ['test:5000/repo', ref('test:5000', 'repo')],
  ['test:5000/repo:tag', ref('test:5000', 'repo', 'tag')],
  [`test:5000/repo@${SHA256}`, ref('test:5000', 'repo', null, SHA256)],
  [`test:5000/repo:tag@${SHA256}`, ref('test:5000', 'repo', 'tag', SHA256)],
  ['test-com:8080/foo', ref('test-com:8080', 'foo')],
  ['sub-dom1.foo.com/bar/baz/quux', ref('sub-dom1.foo.com', 'bar/baz/quux')],
  ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', ref('sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag')],
  [
    'b.gcr.io/test.example.com/my-app:test.example.com',
    ref('b.gcr.io', 'test.example.com/my-app', 'test.example.com'),
  ],
  ['xn--n3h.com/myimage:xn--n3h.com', ref('xn--n3h.com', 'myimage', 'xn--n3h.com')],
  [`xn--7o8h.com/myimage:xn--7o8h.com@${SHA512}`, ref('xn--7o8h.com', 'myimage', 'xn--7o8h.com', SHA512)],
  ['xn--n3h.com:18080/foo', ref('xn--n3h.com:18080', 'foo')],
  ['example.com/privatebase', ref('example.com', 'privatebase')],
  // IPv4
  ['192.168.1.1/repo', ref('192.168.1.1', 'repo')],
  ['192.168.1.1:5000/repo', ref('192.168.1.1:5000', 'repo')],
  ['192.168.1.1:5000/repo:5050', ref('192.168.1.1:5000', 'repo', '5050')],
  ['127.0.0.1:5000/library/debian', ref('127.0.0.1:5000', 'library/debian')],
  ['192.168.0.1:8/debian', ref('192.168.0.1:8', 'debian')],
  // IPv6 in brackets
  ['[::1]:5000/x', ref('[::1]:5000', 'x')],
  ['[2001:db8::1]/repo', ref('[2001:db8::1]', 'repo')],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', ref('[2001:db8:1:2:3:4:5:6]', 'repo', 'tag')],
  ['[2001:db8::1]:5000/repo', ref('[2001:db8::1]:5000', 'repo')],
  [`[2001:db8::1]:5000/repo:tag@${SHA256}`, ref('[2001:db8::1]:5000', 'repo', 'tag', SHA256)],
  ['[2001:db8::]:5000/repo', ref('[2001:db8::]:5000', 'repo')],
  ['[fc00:1:2:3:4:5:6:7]:5000/library/debian', ref('[fc00:1:2:3:4:5:6:7]:5000', 'library/debian')],
  // uppercase is fine in the domain and the tag; an uppercase first component is a domain, as in Docker
  ['Example.COM/app', ref('Example.COM', 'app')],
  ['Docker/docker', ref('Docker', 'docker')],
  ['FOO/bar', ref('FOO', 'bar')],
  ['lowercase:Uppercase', ref('docker.io', 'library/lowercase', 'Uppercase')],
  ['test.com:8000/foo:TAG5', ref('test.com:8000', 'foo', 'TAG5')],
  // tags
  ['app:_', ref('docker.io', 'library/app', '_')],
  ['app:v1.2.3-rc.1_build', ref('docker.io', 'library/app', 'v1.2.3-rc.1_build')],
  [`app:${'a'.repeat(128)}`, ref('docker.io', 'library/app', 'a'.repeat(128))],
  // digests, with and without tag
  [`ubuntu@${SHA256}`, ref('docker.io', 'library/ubuntu', null, SHA256)],
  [`busybox:latest@${SHA256}`, ref('docker.io', 'library/busybox', 'latest', SHA256)],
  [`app@${SHA512}`, ref('docker.io', 'library/app', null, SHA512)],
  [`app@sha384:${'0'.repeat(96)}`, ref('docker.io', 'library/app', null, `sha384:${'0'.repeat(96)}`)],
];

describe('parseReference: valid references', () => {
  it.each(valid)('%s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it('does not add latest when no tag is given', () => {
    expect(parseReference('ubuntu').tag).toBeNull();
    expect(parseReference(`ubuntu@${SHA256}`).tag).toBeNull();
  });
});

/** Invalid references and the words their message must contain. */
const invalid: Array<[string, string]> = [
  ['', 'reference is empty'],
  [' ubuntu', 'must not contain whitespace'],
  ['ubuntu ', 'must not contain whitespace'],
  ['ubu\tntu', 'must not contain whitespace'],
  ['https://github.com/docker/docker', 'URL scheme ("https://")'],
  [IMAGE_ID, 'image ID'],
  [':justtag', 'repository name is empty'],
  [`@${SHA256}`, 'repository name is empty'],
  // lowercase paths
  ['Ubuntu', 'repository name must be lowercase ("Ubuntu")'],
  ['Uppercase:tag', 'repository name must be lowercase'],
  ['docker/Docker', 'repository name must be lowercase ("Docker")'],
  ['docker.io/docker/Docker', 'repository name must be lowercase'],
  ['test:5000/Uppercase/lowercase:tag', 'repository name must be lowercase ("Uppercase")'],
  ['example.com/MyApp:1', 'repository name must be lowercase ("MyApp")'],
  // separators: leading, trailing, doubled
  ['-docker', 'component "-docker" must start with a lowercase letter or digit'],
  ['-docker/docker', 'must start with a lowercase letter or digit'],
  ['docker-/docker', 'component "docker-" must end with a lowercase letter or digit'],
  ['-docker-/docker', 'must start with'],
  ['_docker/_docker', 'must start with'],
  ['____/____', 'must start with'],
  ['app.', 'must end with'],
  ['docker/dock..er', 'component "dock..er" has invalid separators'],
  ['docker/dock_.er', 'has invalid separators'],
  ['docker/dock-.er', 'has invalid separators'],
  ['dock___er/docker', 'has invalid separators'],
  // a first component with "." is a registry host, as in Docker, so it follows host rules
  ['dock..er/docker', 'invalid registry host "dock..er"'],
  ['docker///docker', 'empty component'],
  ['docker.io/docker///docker', 'empty component'],
  ['docker/', 'empty component'],
  ['/docker', 'empty component'],
  ['example.com/', 'empty component'],
  ['example.com//app', 'empty component'],
  ['aa/asdf$$^/aa', 'component "asdf$$^" contains invalid character "$"'],
  ['app:1:2', 'contains invalid character ":"'],
  // registry hosts and ports
  ['-docker.io/docker/docker', 'invalid registry host "-docker.io"'],
  ['docker-.io/app', 'invalid registry host "docker-.io"'],
  ['foo_bar.com/app', 'invalid registry host "foo_bar.com"'],
  ['exa..mple.com/app', 'invalid registry host'],
  ['localhost:abc/x', 'invalid port "abc" in registry host "localhost:abc"'],
  ['localhost:/x', 'invalid port "" in registry host "localhost:"'],
  ['example.com:50a0/x:1', 'invalid port "50a0"'],
  ['fc00::1:5000/debian', 'put it in brackets'],
  ['[fc00::1]', 'registry host "[fc00::1]" needs a repository after it'],
  ['[fc00::1]:5000', 'registry host "[fc00::1]" needs a repository after it'],
  ['[2001:db8::1]:tag', 'needs a repository after it'],
  ['[fe80::1%eth0]:5000/repo', 'invalid IPv6 address "[fe80::1%eth0]"'],
  ['[fe80::1%@invalidzone]:5000/repo', 'invalid'],
  ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'invalid IPv6 address'],
  ['[::1/x', 'missing its "]"'],
  ['[::1]5000/x', 'expected ":port" after "]"'],
  ['[::1]:/x', 'invalid port ""'],
  // tags
  ['app:', 'tag is empty'],
  ['localhost:5000/app:', 'tag is empty'],
  ['app:.hidden', 'tag ".hidden" must start with a letter, a digit or "_"'],
  ['app:-rc', 'must start with a letter, a digit or "_"'],
  ['app:v1+build', 'tag "v1+build" contains invalid character "+"'],
  [`app:${'a'.repeat(129)}`, 'tag is longer than 128 characters (129)'],
  // digests
  ['app@', 'digest is empty'],
  ['ubuntu@sha256:', 'sha256 digest must have 64 hex characters (it has 0)'],
  ['repo@sha256:ffffffffffffffffffffffffffffffffff', 'sha256 digest must have 64 hex characters (it has 34)'],
  [`repo@sha256:${'f'.repeat(65)}`, 'sha256 digest must have 64 hex characters (it has 65)'],
  [`repo@sha512:${'f'.repeat(64)}`, 'sha512 digest must have 128 hex characters (it has 64)'],
  [`repo@sha256:${'F'.repeat(64)}`, 'sha256 digest must be lowercase hex'],
  [`repo@sha256:${'g'.repeat(64)}`, 'sha256 digest must be lowercase hex'],
  [`validname@invaliddigest:${'f'.repeat(64)}`, 'unsupported digest algorithm "invaliddigest"'],
  ['app@md5:d41d8cd98f00b204e9800998ecf8427e', 'unsupported digest algorithm "md5"'],
  [`app@SHA256:${'f'.repeat(64)}`, 'invalid digest algorithm "SHA256"'],
  [`app@sha256__x:${'f'.repeat(64)}`, 'invalid digest algorithm'],
  [`app@${'f'.repeat(64)}`, 'must have the form algorithm:hex'],
  [`app@:${'f'.repeat(64)}`, 'must have the form algorithm:hex'],
  [`app@${SHA256}@${SHA256}`, 'sha256 digest must have 64 hex characters'],
];

describe('parseReference: invalid references', () => {
  it.each(invalid)('%j', (input, message) => {
    const error = catchError(() => parseReference(input));
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error).toBeInstanceOf(StevedoreError);
    expect(error.code).toBe('INVALID_REFERENCE');
    expect(error.message).toContain(message);
    expect(error.details).toEqual({ input });
  });

  it('refuses a value that is not a string instead of crashing', () => {
    expect(() => parseReference(42 as unknown as string)).toThrow('reference must be a string');
  });

  it('keeps a huge input out of the error details', () => {
    const input = `app:${'x'.repeat(100_000)}`;
    const error = catchError(() => parseReference(input));
    expect(error.message).toContain('tag is longer than 128 characters');
    expect(JSON.stringify(error.toShape()).length).toBeLessThan(1000);
  });
});

describe('parseReference: the 255-character name limit', () => {
  // domain + "/" + path counts, as in distribution's NameTotalLengthMax
  it('accepts a name of exactly 255 characters', () => {
    const path = 'a'.repeat(255 - 'example.com/'.length);
    expect(parseReference(`example.com/${path}`).path).toBe(path);
  });

  it('refuses a name of 256 characters', () => {
    const path = 'a'.repeat(256 - 'example.com/'.length);
    expect(() => parseReference(`example.com/${path}`)).toThrow(
      'repository name is longer than 255 characters (it has 256)',
    );
  });

  it('counts the normalized docker.io/library/ prefix', () => {
    const longest = 'a'.repeat(255 - 'docker.io/library/'.length);
    expect(parseReference(longest).path).toBe(`library/${longest}`);
    expect(() => parseReference(`${longest}a`)).toThrow('repository name is longer than 255 characters');
  });

  it('counts the name only, never the tag or digest', () => {
    const path = 'a'.repeat(255 - 'example.com/'.length);
    const tag = 't'.repeat(128);
    const parsed = parseReference(`example.com/${path}:${tag}@${SHA512}`);
    expect(parsed).toEqual(ref('example.com', path, tag, SHA512));
  });
});

function catchError(run: () => unknown): InvalidReferenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidReferenceError) return error;
    throw error;
  }
  throw new Error('expected an InvalidReferenceError');
}
