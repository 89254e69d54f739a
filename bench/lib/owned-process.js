import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A server process the bench started, and the temp dir it lives in: `stop()` sends SIGTERM, waits
 * up to `graceMs`, then SIGKILL, and removes the dir. A bench interrupted by Ctrl-C stops it too,
 * so nothing is left running.
 */
export function ownProcess(child, { dir, graceMs }) {
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const gone = await Promise.race([exited, sleep(graceMs, undefined, { ref: false })]);
      if (gone === undefined) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const stopOnSignal = (signal) => {
    stop().finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  exited.then(() => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  });
  return { exited, stop };
}
