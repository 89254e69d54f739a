/**
 * How many resources one token asks for at most. Scopes accumulate so that one token covers the
 * catalog and the repositories being browsed; past this, the least recently used are dropped so
 * the token request stays a reasonable size.
 */
export const MAX_SCOPE_RESOURCES = 16;

/**
 * The scopes a transport asks tokens for (`type:name:action[,action]`), merged per resource:
 * `repository:a:pull` + `repository:a:push` = `repository:a:pull,push`. Most recently used last.
 */
export class ScopeSet {
  private readonly resources = new Map<string, Set<string>>();

  constructor(private readonly limit = MAX_SCOPE_RESOURCES) {}

  /** Adds scopes (and marks them recently used); true if the set changed. */
  add(scopes: readonly string[]): boolean {
    let changed = false;
    for (const scope of scopes) {
      const { resource, actions } = splitScope(scope);
      const known = this.resources.get(resource);
      this.resources.delete(resource);
      const merged = new Set(known);
      for (const action of actions) merged.add(action);
      if (!known || merged.size !== known.size) changed = true;
      this.resources.set(resource, merged);
    }
    while (this.resources.size > this.limit) {
      const oldest = this.resources.keys().next().value as string;
      this.resources.delete(oldest);
      changed = true;
    }
    return changed;
  }

  /** True if every action of every scope is already in the set. */
  covers(scopes: readonly string[]): boolean {
    return scopes.every((scope) => {
      const { resource, actions } = splitScope(scope);
      const known = this.resources.get(resource);
      return known !== undefined && actions.every((action) => known.has(action));
    });
  }

  /** Sorted, so the list is also the token cache's key. */
  list(): string[] {
    return [...this.resources]
      .map(([resource, actions]) =>
        actions.size ? `${resource}:${[...actions].sort().join(',')}` : resource,
      )
      .sort();
  }
}

/**
 * `repository:host:5000/name:pull,push` → resource `repository:host:5000/name`, actions
 * [pull, push]: the type ends at the first colon, the actions start after the last one.
 * A scope without two colons is kept whole, as an opaque resource with no actions.
 */
export function splitScope(scope: string): { resource: string; actions: string[] } {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first === -1 || first === last) return { resource: scope, actions: [] };
  const actions = scope
    .slice(last + 1)
    .split(',')
    .map((action) => action.trim())
    .filter((action) => action !== '');
  return { resource: scope.slice(0, last), actions };
}
