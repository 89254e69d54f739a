import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ownProcess } from './owned-process.js';

/**
 * A private Docker Engine for one bench run: its own data, exec root and socket in a temp dir,
 * no networking (nothing here runs containers), vfs storage (works without overlay support).
 */
export async function startDockerd({ readyTimeoutMs = 30_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stevedore-bench-dockerd-'));
  const socketPath = join(dir, 'docker.sock');
  const logPath = join(dir, 'dockerd.log');
  const logFd = openSync(logPath, 'a');
  const daemon = spawn(
    'dockerd',
    [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'exec'),
      '--pidfile',
      join(dir, 'docker.pid'),
      '-H',
      `unix://${socketPath}`,
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--storage-driver=vfs',
    ],
    // Its own session, like setsid: a Ctrl-C meant for the bench must not kill it mid-write;
    // output goes to a file so a detached daemon never holds our pipes.
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  // A bench interrupted by Ctrl-C must not leave a daemon behind: it runs in its own session.
  const { stop } = ownProcess(daemon, { dir, graceMs: 20_000 });

  const deadline = Date.now() + readyTimeoutMs;
  while (!(await ping(socketPath))) {
    if (daemon.exitCode !== null || daemon.signalCode !== null || Date.now() > deadline) {
      const log = readLog(logPath);
      await stop();
      throw new Error(`dockerd did not become ready in ${readyTimeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }
  return { dir, socketPath, host: `unix://${socketPath}`, stop };
}

function ping(socketPath) {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function readLog(logPath) {
  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
