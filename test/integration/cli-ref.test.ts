import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [CLI, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('stevedore ref', () => {
  it.each([
    [
      'ubuntu',
      {
        name: 'docker.io/library/ubuntu',
        domain: 'docker.io',
        path: 'library/ubuntu',
        tag: null,
        digest: null,
        familiar: 'ubuntu',
      },
    ],
    [
      'index.docker.io/user/app:1.2',
      {
        name: 'docker.io/user/app',
        domain: 'docker.io',
        path: 'user/app',
        tag: '1.2',
        digest: null,
        familiar: 'user/app',
      },
    ],
    [
      '[::1]:5000/team/app:v1',
      {
        name: '[::1]:5000/team/app',
        domain: '[::1]:5000',
        path: 'team/app',
        tag: 'v1',
        digest: null,
        familiar: '[::1]:5000/team/app',
      },
    ],
  ])('prints %s normalized, without inventing a tag', async (input, expected) => {
    const result = await run(['ref', input, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it('keeps a digest exactly as given', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const result = await run(['ref', `localhost:5000/x@${digest}`, '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ domain: 'localhost:5000', tag: null, digest });
  });

  it.each([
    ['Ubuntu', 'repository name must be lowercase'],
    [`x@sha256:${'a'.repeat(63)}`, 'sha256'],
    ['a'.repeat(256), '255'],
  ])('refuses %s with exit 2 and the reason', async (input, reason) => {
    const result = await run(['ref', input, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^stevedore: .+\n$/);
    expect(result.stderr).toContain(reason);
  });

  it('is a usage error without a name', async () => {
    const result = await run(['ref']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ref takes 1 operand');
  });
});
