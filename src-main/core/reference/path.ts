import { echo, InvalidReferenceError } from './error.js';
import { PATH_COMPONENT } from './grammar.js';

/**
 * Checks a repository path: components separated by "/", each lowercase alphanumerics joined by
 * ".", "_", "__" or dashes. The error says which rule the first bad component breaks.
 */
export function validatePath(path: string, input: string): void {
  for (const component of path.split('/')) {
    const problem = componentProblem(component);
    if (problem !== null) throw new InvalidReferenceError(problem, input);
  }
}

function componentProblem(component: string): string | null {
  if (PATH_COMPONENT.test(component)) return null;
  if (component === '') {
    return 'repository name has an empty component (a leading, trailing or doubled "/")';
  }
  if (component !== component.toLowerCase()) {
    return `repository name must be lowercase ("${echo(component)}")`;
  }
  const bad = [...component].find((c) => !/[a-z0-9._-]/.test(c));
  if (bad !== undefined) {
    return `repository name component "${echo(component)}" contains invalid character "${bad}"`;
  }
  if (!/^[a-z0-9]/.test(component)) {
    return `repository name component "${echo(component)}" must start with a lowercase letter or digit`;
  }
  if (!/[a-z0-9]$/.test(component)) {
    return `repository name component "${echo(component)}" must end with a lowercase letter or digit`;
  }
  return `repository name component "${echo(component)}" has invalid separators (use one ".", one or two "_", or dashes)`;
}
