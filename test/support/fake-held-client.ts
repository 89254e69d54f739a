import type { Client } from '../../src-main/ipc/client.js';

export interface HeldCall {
  name: string;
  input: Record<string, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A fake contract client whose replies the test releases one by one, in any order: for store timing
 * (answers out of order, events overtaking replies) that no real server produces on demand.
 */
export function createFakeHeldClient() {
  const pending: HeldCall[] = [];
  const client = {
    call: (name: string, input: Record<string, unknown>) =>
      new Promise((resolve, reject) => pending.push({ name, input, resolve, reject })),
    run: () => Promise.reject(new Error('not used here')),
    on: () => () => {},
  } as unknown as Client;
  const take = (name: string): HeldCall => {
    const index = pending.findIndex((call) => call.name === name);
    if (index === -1) throw new Error(`no pending ${name}`);
    return pending.splice(index, 1)[0]!;
  };
  const count = (name: string) => pending.filter((call) => call.name === name).length;
  return { client, take, count };
}

/** Lets promise callbacks and zero-delay timers run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
