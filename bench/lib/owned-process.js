import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every owned process still running, so one signal stops them all before the bench exits. */
const running = new Set();

/**
 * Ctrl-C (or SIGTERM) stops every owned process and removes its dir, then the signal is raised
 * again so the bench ends as it would have. One handler for all: with one per process, the first
 * to finish re-raised the signal and the others' temp dirs (a dockerd's: gigabytes) were left.
 */
function stopAllOnSignal(signal) {
  process.off('SIGINT', stopAllOnSignal);
  process.off('SIGTERM', stopAllOnSignal);
  Promise.allSettled([...running].map((stop) => stop())).finally(() => process.kill(process.pid, signal));
}

function watchSignals() {
  if (process.listeners('SIGINT').includes(stopAllOnSignal)) return;
  process.on('SIGINT', stopAllOnSignal);
  process.on('SIGTERM', stopAllOnSignal);
}

/**
 * A server process the bench started, and the temp dir it lives in: `stop()` sends SIGTERM, waits
 * up to `graceMs`, then SIGKILL, and removes the dir; calling it again returns the same promise.
 */
export function ownProcess(child, { dir, graceMs }) {
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const gone = await Promise.race([exited, sleep(graceMs, undefined, { ref: false })]);
        if (gone === undefined) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
      running.delete(stop);
    })();
    return stopping;
  };
  running.add(stop);
  watchSignals();
  return { exited, stop };
}
