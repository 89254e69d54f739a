import { describe, expect, it } from 'vitest';
import { checkImageArgument, parseTagTarget } from '../../src-main/core/engine/image-ref.js';

describe('parseTagTarget', () => {
  it.each([
    ['app', { repo: 'app', tag: 'latest' }],
    ['app:1.0', { repo: 'app', tag: '1.0' }],
    ['localhost:5000/a', { repo: 'localhost:5000/a', tag: 'latest' }],
    ['localhost:5000/team/a:v2', { repo: 'localhost:5000/team/a', tag: 'v2' }],
    ['docker.io/library/ubuntu:22.04', { repo: 'ubuntu', tag: '22.04' }],
    ['[::1]:5000/x:y', { repo: '[::1]:5000/x', tag: 'y' }],
  ])('splits %s', (target, expected) => {
    expect(parseTagTarget(target)).toEqual(expected);
  });

  it.each(['App:1', 'a b', 'app:', `app@sha256:${'a'.repeat(64)}`, '', 'a'.repeat(64)])(
    'refuses %j',
    (target) => {
      expect(() => parseTagTarget(target)).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
    },
  );
});

describe('checkImageArgument', () => {
  it.each([
    `sha256:${'e'.repeat(64)}`,
    'e'.repeat(64),
    'e36f58',
    'x:1',
    `localhost:5000/a/b@sha256:${'0'.repeat(64)}`,
  ])('accepts %s', (image) => {
    expect(checkImageArgument(` ${image} `)).toBe(image);
  });

  it.each(['../../containers/json', 'x?force=1', 'x#y', 'UPPER', 'a b'])(
    'refuses %j before it reaches a URL',
    (image) => {
      expect(() => checkImageArgument(image)).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
    },
  );
});
