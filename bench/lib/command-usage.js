import { existsSync } from 'node:fs';
import { runCommand } from './measure.js';

const gnuTime = '/usr/bin/time';

/**
 * Runs a command to completion like runCommand, and also reports its peak RSS (bytes) and the CPU
 * seconds it used (user + system), from GNU time. Without GNU time, a Node command reports its own
 * maxRSS as it exits and the CPU time stays unknown; other commands report neither.
 */
export async function runWithUsage(command, args, { env } = {}) {
  let result;
  if (existsSync(gnuTime)) {
    result = await runCommand(gnuTime, ['-f', 'usage %M %U %S', command, ...args], { env });
  } else if (command === process.execPath) {
    const reporter =
      'process.on("exit",()=>process.stderr.write("\\nusage "+process.resourceUsage().maxRSS+"\\n"))';
    result = await runCommand(command, ['--import', `data:text/javascript,${reporter}`, ...args], { env });
  } else {
    result = await runCommand(command, args, { env });
  }
  const usage = /^usage (\d+)(?: ([\d.]+) ([\d.]+))?$/m.exec(result.stderr);
  return {
    ...result,
    rss: usage ? Number(usage[1]) * 1024 : undefined,
    cpuSeconds: usage?.[2] === undefined ? undefined : Number(usage[2]) + Number(usage[3]),
  };
}
