/**
 * The building blocks of the contract: the two kinds of procedure and the input atoms several
 * groups of procedures share. contract.ts puts the groups together.
 */
import { z } from 'zod';

/** A procedure answers at once (well, soon): `call(name, input)` resolves with its result. */
export interface CallSpec<I extends z.ZodType, R> {
  kind: 'call';
  input: I;
  /** Phantom: carries the result type, never read at run time. */
  result: R;
}

/** A task is long work: `call(name, input)` resolves with its id; progress and the end arrive as `task.updated`. */
export interface TaskSpec<I extends z.ZodType, R> {
  kind: 'task';
  input: I;
  result: R;
  /** What the tasks drawer calls it, from the input. */
  title: (input: z.output<I>) => string;
}

export const call =
  <R>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ kind: 'call', input, result: undefined as R });

export const task =
  <R>() =>
  <I extends z.ZodType>(input: I, title: (input: z.output<I>) => string): TaskSpec<I, R> => ({
    kind: 'task',
    input,
    result: undefined as R,
    title,
  });

export const nothing = z.object({}).strict();
/** Image ids, short ids, `name:tag` or `name@digest`: the engine resolves them. */
export const imageRef = z.string().trim().min(1, 'an image id or reference is required').max(512);
export const engineId = z.string().min(1).max(200).optional();

/** A registry host as references write it (`docker.io`, `127.0.0.1:5000`, `[::1]:5000`); core validates it. */
export const registryHost = z.string().trim().min(1, 'a registry host is required').max(300);
/** An image reference (`name[:tag][@digest]`); core parses it with the distribution grammar. */
export const reference = z.string().trim().min(1, 'an image reference is required').max(1024);
export const PEM_MAX = 64 * 1024;
