import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import { type Registry, startRegistry } from '../support/registry.js';

/** Debian's docker CLI (20.10): the reference for what `docker login` writes. */
const DOCKER = '/usr/bin/docker';
const USER = 'stevedore';
const PASSWORD = 'correct-horse-battery';

let registry: Registry;
let work: string;
let env: NodeJS.ProcessEnv;
const configDir = () => env.DOCKER_CONFIG as string;

async function readConfig(): Promise<{ auths?: Record<string, { auth?: string }> }> {
  return JSON.parse(await readFile(join(configDir(), 'config.json'), 'utf8').catch(() => '{}'));
}

function docker(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(DOCKER, ['--config', configDir(), ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const login = (password: string) =>
  runCli(['login', registry.host, '--username', USER, '--password-stdin'], env, `${password}\n`);

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  registry = await startRegistry({ htpasswd: { user: USER, password: PASSWORD } });
});
afterAll(async () => {
  await registry?.stop();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-cli-login-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('stevedore login', () => {
  it('checks the password, writes config.json as docker login does, and the registry then lets us in', async () => {
    expect((await runCli(['catalog', registry.host], env)).code).toBe(1);

    const result = await login(PASSWORD);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe('Login Succeeded\n');
    expect(result.stderr).toContain('stored unencrypted');
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    expect((await readConfig()).auths?.[registry.host]).toEqual({ auth });
    expect((await runCli(['catalog', registry.host], env)).code).toBe(0);

    const logout = await docker(['logout', registry.host]);
    expect(logout).toMatchObject({ code: 0, stdout: `Removing login credentials for ${registry.host}\n` });
    expect((await readConfig()).auths?.[registry.host]).toBeUndefined();
  });

  it('fails with exit 1 and one line on a wrong password, and keeps nothing', async () => {
    const result = await login('wrong-password');
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^stevedore: [^\n]*unauthorized[^\n]*\n$/);
    expect((await readConfig()).auths?.[registry.host]).toBeUndefined();
  });

  it('needs --password-stdin when stdin is not a terminal', async () => {
    const result = await runCli(['login', registry.host, '--username', USER], env, `${PASSWORD}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('stevedore: no TTY: use --password-stdin\n');
  });

  it.each([
    ['--password-stdin without --username', () => [registry.host, '--password-stdin']],
    ['a registry that is not a host', () => ['https://x.example/v9/', '-u', USER, '--password-stdin']],
  ])('refuses %s with exit 2', async (_, args) => {
    const result = await runCli(['login', ...args()], env, `${PASSWORD}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stevedore: [^\n]+\n$/);
  });

  it('asks for the user name and the password on a terminal, without echoing the password', async () => {
    const terminal = onTerminal(['login', registry.host]);
    try {
      await terminal.shown('Username: ');
      terminal.type(`${USER}\r`);
      await terminal.shown('Password: ');
      terminal.type(`${PASSWORD}\r`);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.stop();
    }
    expect(terminal.screen()).toContain(`Username: ${USER}`);
    expect(terminal.screen()).toContain('Login Succeeded');
    expect(terminal.screen()).not.toContain(PASSWORD);
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    expect((await readConfig()).auths?.[registry.host]).toEqual({ auth });
  });

  it('stops at Ctrl+C on the terminal with exit 1, keeping nothing', async () => {
    const terminal = onTerminal(['login', registry.host, '--username', USER]);
    try {
      await terminal.shown('Password: ');
      terminal.type('half-typed\u0003');
      expect(await terminal.exited).toBe(1);
    } finally {
      terminal.stop();
    }
    expect(terminal.screen()).toMatch(/stevedore: [^\n]*[Cc]ancelled/);
    expect((await readConfig()).auths?.[registry.host]).toBeUndefined();
  });
});

/** The CLI on a pseudo-terminal (util-linux `script`): what it shows there, and keys typed into it. */
function onTerminal(args: string[]) {
  const command = [process.execPath, CLI, ...args].map((arg) => `'${arg}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env });
  let screen = '';
  const waiting = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    for (const check of waiting) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    exited,
    screen: () => screen,
    shown: (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!screen.includes(text)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    type: (keys: string) => child.stdin.write(keys),
    stop: () => {
      child.stdin.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

describe('stevedore logout', () => {
  it('removes the login, as docker logout would', async () => {
    expect((await login(PASSWORD)).code).toBe(0);
    const result = await runCli(['logout', registry.host], env);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(`Removing login credentials for ${registry.host}\n`);
    expect((await readConfig()).auths?.[registry.host]).toBeUndefined();
    expect((await runCli(['catalog', registry.host], env)).code).toBe(1);
  });

  it('succeeds when there was no login, as docker logout does', async () => {
    const ours = await runCli(['logout', registry.host], env);
    const theirs = await docker(['logout', registry.host]);
    expect(ours.code).toBe(0);
    expect(ours.stdout.toString('utf8')).toBe(theirs.stdout);
  });
});
