import { describe, expect, it } from 'vitest';
import {
  InvalidReferenceError,
  parseDigest,
  parseRepository,
  parseTag,
} from '../../src-main/core/reference/index.js';

const HEX64 = 'e58fcf7418d4390dec8e8fb69d88c06ec07039d651fedd3aa72af9972e7d046b';

describe('parseDigest', () => {
  it.each([`sha256:${HEX64}`, `sha384:${'d'.repeat(96)}`, `sha512:${'0123456789abcdef'.repeat(8)}`])(
    'accepts %s unchanged',
    (digest) => {
      expect(parseDigest(digest)).toBe(digest);
    },
  );

  it.each([
    ['', 'digest is empty'],
    ['     ', 'must have the form algorithm:hex'],
    [':', 'must have the form algorithm:hex'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'must have the form algorithm:hex'],
    ['sha256:', 'sha256 digest must have 64 hex characters (it has 0)'],
    [`sha256:${HEX64.slice(1)}`, 'sha256 digest must have 64 hex characters (it has 63)'],
    [`sha256:${HEX64}0`, 'sha256 digest must have 64 hex characters (it has 65)'],
    ['sha256:abcdef0123456789', 'sha256 digest must have 64 hex characters'],
    [`sha512:${HEX64}`, 'sha512 digest must have 128 hex characters (it has 64)'],
    [`sha512:${'a'.repeat(127)}`, 'sha512 digest must have 128 hex characters (it has 127)'],
    [`sha512:${'a'.repeat(129)}`, 'sha512 digest must have 128 hex characters (it has 129)'],
    [`sha384:${HEX64}`, 'sha384 digest must have 96 hex characters'],
    [`sha256:${HEX64.toUpperCase()}`, 'sha256 digest must be lowercase hex'],
    [`sha256:${'z'.repeat(64)}`, 'sha256 digest must be lowercase hex'],
    [`sha256:${' '.repeat(64)}`, 'sha256 digest must be lowercase hex'],
    [
      'foo:d41d8cd98f00b204e9800998ecf8427e',
      'unsupported digest algorithm "foo" (supported: sha256, sha384, sha512)',
    ],
    [`blake3:${HEX64}`, 'unsupported digest algorithm "blake3"'],
    [`sha384.foo+bar:${'d'.repeat(96)}`, 'unsupported digest algorithm "sha384.foo+bar"'],
    [`sha384__foo+bar:${'d'.repeat(96)}`, 'invalid digest algorithm "sha384__foo+bar"'],
    [`Sha256:${HEX64}`, 'invalid digest algorithm "Sha256"'],
    [`-sha256:${HEX64}`, 'invalid digest algorithm'],
  ])('refuses %j', (digest, message) => {
    expect(() => parseDigest(digest)).toThrow(InvalidReferenceError);
    expect(() => parseDigest(digest)).toThrow(message);
  });
});

describe('parseTag', () => {
  it.each(['latest', '20.04', 'v1.0.0-rc.1', '_', 'UPPER_lower', '0', 'a'.repeat(128)])(
    'accepts %s',
    (tag) => {
      expect(parseTag(tag)).toBe(tag);
    },
  );

  it.each([
    ['', 'tag is empty'],
    ['a'.repeat(129), 'tag is longer than 128 characters (129)'],
    ['.tag', 'must start with a letter, a digit or "_"'],
    ['-tag', 'must start with a letter, a digit or "_"'],
    ['tag!', 'contains invalid character "!"'],
    ['v1/2', 'contains invalid character "/"'],
    ['v1:2', 'contains invalid character ":"'],
    ['été', 'contains invalid character "é"'],
  ])('refuses %j', (tag, message) => {
    expect(() => parseTag(tag)).toThrow(message);
  });
});

describe('parseRepository', () => {
  it.each([
    ['ubuntu', 'docker.io', 'library/ubuntu'],
    ['index.docker.io/user/app', 'docker.io', 'user/app'],
    ['localhost:5000/x', 'localhost:5000', 'x'],
    ['[::1]:5000/team/app', '[::1]:5000', 'team/app'],
  ])('%s', (input, domain, path) => {
    expect(parseRepository(input)).toEqual({ domain, path, tag: null, digest: null });
  });

  it('refuses a tag', () => {
    expect(() => parseRepository('ubuntu:20.04')).toThrow('a repository name cannot have a tag (":20.04")');
  });

  it('refuses a digest', () => {
    expect(() => parseRepository(`ubuntu@sha256:${HEX64}`)).toThrow('a repository name cannot have a digest');
  });

  it('explains that host:port alone is not a repository', () => {
    expect(() => parseRepository('localhost:5000')).toThrow(
      'a registry host needs a repository after it, as in localhost:5000/app',
    );
  });

  it('refuses what parseReference refuses', () => {
    expect(() => parseRepository('User/App')).toThrow('repository name must be lowercase ("App")');
    expect(() => parseRepository('')).toThrow('reference is empty');
  });
});
