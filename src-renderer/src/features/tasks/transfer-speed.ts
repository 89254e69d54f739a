/**
 * Bytes per second of a running transfer, worked out from the successive snapshots main sends
 * (at most ten a second, irregularly) and smoothed, so a bar's speed reads calmly instead of
 * jumping with every packet. Pure functions: the unit tests pin them down.
 */
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';

/** How quickly the shown speed follows a change: after this long, about two thirds of the way. */
export const SPEED_SMOOTHING_MS = 2000;

export interface SpeedSample {
  /** When `bytes` was seen (ms). */
  at: number;
  bytes: number;
  /** Smoothed bytes per second; unknown until a second sample. */
  speed?: number;
}

/** The speed after seeing `bytes` at `at`: an exponential average whose weight grows with the time passed. */
export function nextSpeed(previous: SpeedSample | undefined, bytes: number, at: number): SpeedSample {
  // A part that starts over (the engine retries a layer) is a new transfer.
  if (!previous || bytes < previous.bytes) return { at, bytes };
  const elapsed = at - previous.at;
  // Two snapshots in the same millisecond: measure the next one from the earlier sample.
  if (elapsed <= 0) return previous;
  const instant = ((bytes - previous.bytes) * 1000) / elapsed;
  if (previous.speed === undefined) return { at, bytes, speed: instant };
  const weight = 1 - Math.exp(-elapsed / SPEED_SMOOTHING_MS);
  return { at, bytes, speed: previous.speed + weight * (instant - previous.speed) };
}

export interface TaskSpeeds {
  overall: SpeedSample;
  parts: Readonly<Record<string, SpeedSample>>;
}

/** The speeds after one more snapshot; none for a task that counts items or has ended. */
export function nextTaskSpeeds(
  previous: TaskSpeeds | undefined,
  snapshot: TaskSnapshot,
  at: number,
): TaskSpeeds | undefined {
  if (snapshot.state !== 'running' || snapshot.progress.unit !== 'bytes') return undefined;
  const parts: Record<string, SpeedSample> = {};
  for (const part of snapshot.progress.parts ?? []) {
    parts[part.id] = nextSpeed(previous?.parts[part.id], part.current, at);
  }
  return { overall: nextSpeed(previous?.overall, snapshot.progress.current, at), parts };
}

/** Bytes per second over a finished transfer's whole run, for the drawer's summary. */
export function averageSpeed(snapshot: TaskSnapshot): number | undefined {
  if (snapshot.progress.unit !== 'bytes' || !snapshot.finishedAt) return undefined;
  const elapsed = Date.parse(snapshot.finishedAt) - Date.parse(snapshot.startedAt);
  if (!(elapsed > 0) || snapshot.progress.current <= 0) return undefined;
  return (snapshot.progress.current * 1000) / elapsed;
}
