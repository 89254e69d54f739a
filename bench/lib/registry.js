import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ownProcess } from './owned-process.js';

/**
 * A real CNCF distribution registry (`docker-registry serve`) on a free 127.0.0.1 port, plain
 * HTTP, deletes enabled, its storage in `dir/data`. `prepare(dataDir)` may write the storage
 * before the registry starts (a catalog of thousands of repositories in seconds, see
 * registry-layout.js). Stopped with `stop()`, which also removes the temp dir.
 *
 * The storage lives in RAM (/dev/shm) where there is one: writing and removing 10,000
 * repositories' link files on a busy disk takes a minute, in tmpfs seconds, and the clients
 * compared then measure the registry's work, not the disk's.
 */
export async function startRegistry({ prepare, readyTimeoutMs = 15_000 } = {}) {
  const dir = mkdtempSync(join(ramDirOrTmp(), 'stevedore-bench-registry-'));
  const dataDir = join(dir, 'data');
  try {
    if (prepare) await prepare(dataDir);
    return await launch(dir, dataDir, readyTimeoutMs);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(dir, dataDir, readyTimeoutMs) {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const configPath = join(dir, 'config.yml');
  const logPath = join(dir, 'registry.log');
  // YAML is a superset of JSON: no YAML writer needed.
  writeFileSync(
    configPath,
    JSON.stringify({
      version: '0.1',
      log: { level: 'warn', accesslog: { disabled: true } },
      storage: {
        filesystem: { rootdirectory: dataDir },
        delete: { enabled: true },
        cache: { blobdescriptor: 'inmemory' },
      },
      http: { addr: host },
    }),
  );
  const logFd = openSync(logPath, 'a');
  // Its own process group, so stop() reaches it and a Ctrl-C meant for the bench does not.
  const child = spawn('docker-registry', ['serve', configPath], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
  });
  const { stop } = ownProcess(child, { dir, graceMs: 10_000 });

  const url = `http://${host}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`docker-registry could not start: ${spawnError.message}`);
    }
    if ((await statusOf(`${url}/v2/`)) === 200) break;
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const log = readLog(logPath);
      await stop();
      throw new Error(`docker-registry did not answer GET /v2/ within ${readyTimeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }
  return { host, url, pid: child.pid, stop };
}

async function statusOf(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; we release it at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ramDirOrTmp() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

function readLog(logPath) {
  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
