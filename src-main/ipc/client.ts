/**
 * The renderer's typed client, derived from the contract and built over any Bridge.
 * Errors arrive as ContractError with the stable `code` the UI switches on.
 */
import type { ErrorShape } from '../core/errors.js';
import type { TaskSnapshot } from '../core/tasks/types.js';
import type { Bridge } from './bridge.js';
import type {
  Envelope,
  EventName,
  EventPayload,
  InputOf,
  ProcedureName,
  ReplyOf,
  ResultOf,
  TaskName,
} from './contract.js';

export class ContractError extends Error implements ErrorShape {
  readonly code: string;
  readonly details?: unknown;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'ContractError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

export interface Client {
  /** Calls a procedure; for a task, resolves with its id as soon as it started. */
  call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<ReplyOf<N>>;
  /** Starts a task and resolves with its result when it ends; `onUpdate` sees every snapshot. */
  run<N extends TaskName>(
    name: N,
    input: InputOf<N>,
    onUpdate?: (snapshot: TaskSnapshot) => void,
  ): Promise<ResultOf<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: Bridge): Client {
  const call = async <N extends ProcedureName>(name: N, input: InputOf<N>): Promise<ReplyOf<N>> => {
    const invoke = bridge.procedures[name] as (input: InputOf<N>) => Promise<Envelope<ReplyOf<N>>>;
    const envelope = await invoke(input);
    if (!envelope.ok) throw new ContractError(envelope.error);
    return envelope.value as ReplyOf<N>;
  };

  const run = <N extends TaskName>(
    name: N,
    input: InputOf<N>,
    onUpdate?: (snapshot: TaskSnapshot) => void,
  ): Promise<ResultOf<N>> =>
    new Promise((resolve, reject) => {
      // Updates can arrive before `call` resolves with the id: keep them until we know it.
      const early: TaskSnapshot[] = [];
      let taskId: string | undefined;
      const handle = (snapshot: TaskSnapshot) => {
        onUpdate?.(snapshot);
        if (snapshot.state === 'running') return;
        off();
        if (snapshot.state === 'succeeded') resolve(snapshot.result as ResultOf<N>);
        else reject(new ContractError(snapshot.error ?? { code: 'INTERNAL', message: 'task failed' }));
      };
      const off = bridge.on('task.updated', (snapshot) => {
        if (taskId === undefined) early.push(snapshot);
        else if (snapshot.id === taskId) handle(snapshot);
      });
      call(name, input).then(
        (reply) => {
          taskId = (reply as { taskId: string }).taskId;
          for (const snapshot of early.splice(0)) if (snapshot.id === taskId) handle(snapshot);
        },
        (error) => {
          off();
          reject(error);
        },
      );
    });

  return { call, run, on: (event, listener) => bridge.on(event, listener) };
}
