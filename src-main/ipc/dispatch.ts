import { InvalidInputError, toErrorShape } from '../core/errors.js';
import type { TaskContext, TaskRunner } from '../core/tasks/runner.js';
import {
  type CallName,
  type Envelope,
  isProcedureName,
  type ParsedInputOf,
  procedures,
  type ResultOf,
  type TaskName,
} from './contract.js';

export type CallHandler<N extends CallName> = (input: ParsedInputOf<N>) => Promise<ResultOf<N>>;
export type TaskHandler<N extends TaskName> = (
  input: ParsedInputOf<N>,
  task: TaskContext,
) => Promise<ResultOf<N>>;

/** One handler per procedure: the type checker refuses a missing one or a wrong result. */
export type Handlers = { [N in CallName]: CallHandler<N> } & { [N in TaskName]: TaskHandler<N> };

export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope>;

/**
 * The single entry point both transports call: validates the name and the input against the
 * contract, runs the handler (or starts the task) and wraps the outcome in an envelope.
 * It never throws, so a transport cannot leak a stack trace or crash on bad input.
 */
export function createDispatch(handlers: Handlers, tasks: TaskRunner): Dispatch {
  return async (name, rawInput) => {
    try {
      if (!isProcedureName(name)) {
        throw new InvalidInputError(`Unknown procedure ${JSON.stringify(String(name)).slice(0, 120)}`);
      }
      const spec = procedures[name];
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw new InvalidInputError(
          `${name}: ${where}${issue?.message ?? 'invalid input'}`,
          parsed.error.issues,
        );
      }
      if (spec.kind === 'task') {
        const handler = handlers[name as TaskName] as (input: unknown, task: TaskContext) => Promise<unknown>;
        const title = (spec.title as (input: unknown) => string)(parsed.data);
        const taskId = tasks.start(name, title, (ctx) => handler(parsed.data, ctx));
        return { ok: true, value: { taskId } };
      }
      const handler = handlers[name as CallName] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  };
}
