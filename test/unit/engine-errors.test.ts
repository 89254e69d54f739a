import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { EngineError, toEngineError } from '../../src-main/core/engine/errors.js';
import { imagesList } from '../../src-main/core/engine/images.js';
import { engineStatus } from '../../src-main/core/engine/status.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { freePort } from '../support/ports.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-engine-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('socket errors from real sockets', () => {
  it('says the socket does not exist when nothing is at the path', async () => {
    const endpoint: EngineEndpoint = {
      id: 'default',
      name: 'default',
      url: `unix://${dir}/none.sock`,
      source: 'default',
    };
    const error = await imagesList(connect(endpoint)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    expect((error as Error).message).toBe(
      `No Docker Engine answers at unix://${dir}/none.sock: the socket does not exist. Start Docker, or set DOCKER_HOST.`,
    );
  });

  it('says nothing listens when the path is a leftover file', async () => {
    const stale = join(dir, 'stale.sock');
    await writeFile(stale, '');
    const endpoint: EngineEndpoint = {
      id: 'env',
      name: 'DOCKER_HOST',
      url: `unix://${stale}`,
      source: 'env',
    };
    const status = await engineStatus(endpoint, connect(endpoint));
    expect(status.reachable).toBe(false);
    expect(status.error?.code).toBe('ENGINE_UNREACHABLE');
    expect(status.error?.message).toContain('nothing listens on the socket');
    expect(status.error?.hint).toBe(`Start that engine, or correct or unset DOCKER_HOST.`);
  });

  it('says the connection was refused on a closed port', async () => {
    const port = await freePort();
    const endpoint: EngineEndpoint = {
      id: 'user:x',
      name: 'lab',
      url: `tcp://127.0.0.1:${port}`,
      source: 'user',
    };
    const status = await engineStatus(endpoint, connect(endpoint));
    expect(status.error).toEqual({
      code: 'ENGINE_UNREACHABLE',
      message: `No Docker Engine answers at tcp://127.0.0.1:${port}: the connection was refused. Start Docker, or set DOCKER_HOST.`,
      hint: 'Start that engine, or correct its URL in Stevedore.',
    });
  });
});

describe('TLS', () => {
  let server: Server;
  let port: number;
  let serverCerts: string;
  let otherCerts: string;

  async function selfSigned(into: string): Promise<void> {
    await mkdir(into, { recursive: true });
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(into, 'key.pem'),
      '-out',
      join(into, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '1',
    ]);
    await writeFile(join(into, 'ca.pem'), await readFile(join(into, 'cert.pem')));
  }

  beforeAll(async () => {
    serverCerts = join(dir, 'server');
    otherCerts = join(dir, 'other');
    await selfSigned(serverCerts);
    await selfSigned(otherCerts);
    // A real TLS server: what is under test is the handshake, not the Docker API.
    server = createServer(
      {
        key: await readFile(join(serverCerts, 'key.pem')),
        cert: await readFile(join(serverCerts, 'cert.pem')),
      },
      (_req, res) => res.end('OK'),
    );
    port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports TLS_ERROR when the server certificate is not signed by the given CA', async () => {
    const endpoint: EngineEndpoint = {
      id: 'env',
      name: 'DOCKER_HOST',
      url: `tcp://127.0.0.1:${port}`,
      source: 'env',
      tlsCertPath: otherCerts,
      tlsVerify: true,
    };
    const status = await engineStatus(endpoint, connect(endpoint));
    expect(status.error?.code).toBe('TLS_ERROR');
    expect(status.error?.message).toContain(`Check ca.pem, cert.pem and key.pem in ${otherCerts}`);
  });

  it('gets through with the right CA, and with verification off', async () => {
    const base: EngineEndpoint = {
      id: 'env',
      name: 'DOCKER_HOST',
      url: `tcp://127.0.0.1:${port}`,
      source: 'env',
    };
    const verified = { ...base, tlsCertPath: serverCerts, tlsVerify: true };
    await expect(connect(verified).ping()).resolves.toBeDefined();
    const unverified = { ...base, url: `https://127.0.0.1:${port}`, tlsVerify: false };
    await expect(connect(unverified).ping()).resolves.toBeDefined();
  });

  it('refuses a certificate folder without certificates', () => {
    const endpoint: EngineEndpoint = {
      id: 'env',
      name: 'DOCKER_HOST',
      url: 'tcp://127.0.0.1:2376',
      source: 'env',
      tlsCertPath: join(dir, 'empty'),
    };
    expect(() => connect(endpoint)).toThrow(expect.objectContaining({ code: 'TLS_ERROR' }));
  });
});

describe('HTTP answers, shaped as docker-modem reports them', () => {
  function modemError(statusCode: number, message: string): Error {
    const error = new Error(`(HTTP code ${statusCode}) unexpected - ${message} `);
    return Object.assign(error, { statusCode, json: { message } });
  }

  it.each([
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [400, 'INVALID_REFERENCE'],
    [403, 'PERMISSION_DENIED'],
    [500, 'ENGINE_ERROR'],
  ])('maps %i to %s with the engine own sentence', (status, code) => {
    const error = toEngineError(modemError(status, 'conflict: unable to delete 0df1 (must be forced)'));
    expect(error.code).toBe(code);
    expect(error.message).toBe('Conflict: unable to delete 0df1 (must be forced)');
    expect(error.details).toEqual({ statusCode: status });
  });

  it('says a repeated engine message once', () => {
    expect(toEngineError(modemError(404, 'no such image: x:1: No such image: x:1')).message).toBe(
      'No such image: x:1',
    );
  });

  it('recognises a plain HTTP request to a TLS port', () => {
    const error = toEngineError(modemError(400, 'Client sent an HTTP request to an HTTPS server.'));
    expect(error.code).toBe('TLS_ERROR');
  });

  it('passes an EngineError through and wraps anything else', () => {
    const original = new EngineError('TIMEOUT', 'slow');
    expect(toEngineError(original)).toBe(original);
    expect(toEngineError('weird')).toMatchObject({ code: 'ENGINE_ERROR', message: 'weird' });
  });
});
