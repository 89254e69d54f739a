import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) a running process has used so far, from /proc/PID/stat; undefined
 * where there is no /proc (or the process is gone). Clock ticks are 100 a second on Linux.
 */
export function processCpuSeconds(pid) {
  try {
    // The command name (field 2) may hold spaces: the fields after it start past its ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
