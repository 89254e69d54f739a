import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command to completion, collecting its output; rejects with its stderr when it fails. */
export function runCommand(command, args, { env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const result = {
        ms,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      };
      if (code === 0) resolve(result);
      else
        reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}: ${result.stderr.trim()}`));
    });
  });
}

/** Wall-clock times in ms of `runs` runs after `warmups` untimed ones, one at a time. */
export async function timeRuns(command, args, { env, runs = 5, warmups = 1 } = {}) {
  for (let index = 0; index < warmups; index += 1) await runCommand(command, args, { env });
  const times = [];
  for (let index = 0; index < runs; index += 1) times.push((await runCommand(command, args, { env })).ms);
  return times;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const gnuTime = '/usr/bin/time';

/**
 * Peak resident memory of a command in bytes. GNU time reports it for any command; without it,
 * a Node child reports its own maxRSS from process.resourceUsage() as it exits.
 */
export async function peakRssBytes(command, args, { env } = {}) {
  if (existsSync(gnuTime)) {
    const { stderr } = await runCommand(gnuTime, ['-f', 'peak-rss-kib %M', command, ...args], { env });
    return kibFrom(stderr);
  }
  if (command !== process.execPath) throw new Error(`${gnuTime} is missing: cannot measure ${command}`);
  const reporter =
    'process.on("exit",()=>process.stderr.write("\\npeak-rss-kib "+process.resourceUsage().maxRSS+"\\n"))';
  const { stderr } = await runCommand(command, ['--import', `data:text/javascript,${reporter}`, ...args], {
    env,
  });
  return kibFrom(stderr);
}

function kibFrom(stderr) {
  const match = /^peak-rss-kib (\d+)$/m.exec(stderr);
  if (!match) throw new Error(`no peak RSS in: ${stderr.slice(-500)}`);
  return Number(match[1]) * 1024;
}

export function formatMs(ms) {
  return `${Math.round(ms)} ms`;
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Times in ms of several async jobs run in turn (A, B, C, A, B, C…), `runs` rounds after
 * `warmups` untimed ones: on a busy machine a slow spell then slows each of them alike.
 */
export async function timeAlternating(jobs, { runs = 5, warmups = 1 } = {}) {
  const times = jobs.map(() => []);
  for (let round = 0; round < warmups + runs; round += 1) {
    for (const [index, job] of jobs.entries()) {
      const started = process.hrtime.bigint();
      await job();
      if (round >= warmups) times[index].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times;
}
