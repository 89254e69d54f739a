import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `stevedore serve` (the built CLI) on a free port: the address it printed, token included, and
 * a `stop()` that sends SIGTERM and waits for the exit (SIGKILL after 10 s).
 */
export async function startServe(cli, env, { readyTimeoutMs = 30_000 } = {}) {
  const child = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const gone = await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
    if (gone === undefined) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise((resolve, reject) => {
    lines.once('line', resolve);
    exited.then((how) =>
      reject(new Error(`stevedore serve exited (${how}) before printing: ${Buffer.concat(stderr)}`)),
    );
    sleep(readyTimeoutMs, undefined, { ref: false }).then(() =>
      reject(new Error(`stevedore serve printed nothing in ${readyTimeoutMs} ms`)),
    );
  });
  try {
    const line = await firstLine;
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1];
    if (!url) throw new Error(`stevedore serve printed no address: ${line}`);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    lines.close();
    // Whatever else it prints is drained, so a full pipe never blocks it.
    child.stdout.resume();
  }
}
