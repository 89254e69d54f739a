/**
 * DCT roles as people picture them: root signs the top-level roles (targets, snapshot, timestamp),
 * targets delegates to `targets/<name>`, and so on down. Each with how soon it expires: metadata
 * past its expiry stops verifying, so less than 30 days left is worth a warning.
 * Pure functions: the unit tests pin them down.
 */
import type { DctRoleView } from '../../../../src-main/core/trust/types.js';

export const EXPIRY_WARN_DAYS = 30;
const DAY_MS = 86_400_000;

export type ExpiryTone = 'ok' | 'warn' | 'bad' | 'none';

export interface Expiry {
  tone: ExpiryTone;
  /** Whole days left (negative once expired); null without a date. */
  days: number | null;
}

export function expiryOf(expires: string | null, now: number = Date.now()): Expiry {
  const at = expires ? Date.parse(expires) : Number.NaN;
  if (!Number.isFinite(at)) return { tone: 'none', days: null };
  const days = Math.floor((at - now) / DAY_MS);
  if (at <= now) return { tone: 'bad', days };
  return { tone: days < EXPIRY_WARN_DAYS ? 'warn' : 'ok', days };
}

/** `expires in 12 days`, `expired 3 days ago`, `expires today`. */
export function expiryWords(expiry: Expiry): string {
  if (expiry.days === null) return 'no expiry recorded';
  if (expiry.tone === 'bad') {
    const ago = -expiry.days;
    return ago <= 1 ? 'expired' : `expired ${ago} days ago`;
  }
  if (expiry.days === 0) return 'expires today';
  return `expires in ${expiry.days} day${expiry.days === 1 ? '' : 's'}`;
}

export interface RoleNode {
  role: DctRoleView;
  children: RoleNode[];
}

const TOP_LEVEL = ['targets', 'snapshot', 'timestamp'];

/** The parent of a role: `targets/a/b` → `targets/a`, `targets` → `root`; top-level roles hang off root. */
function parentName(name: string): string | undefined {
  if (name === 'root') return undefined;
  const slash = name.lastIndexOf('/');
  return slash === -1 ? 'root' : name.slice(0, slash);
}

function rank(name: string): number {
  const index = TOP_LEVEL.indexOf(name);
  return index === -1 ? TOP_LEVEL.length : index;
}

/**
 * The roles as a tree under root (or several trees, when root is missing). A delegation whose
 * parent is not listed hangs off the nearest ancestor that is.
 */
export function roleTree(roles: readonly DctRoleView[]): RoleNode[] {
  const nodes = new Map(roles.map((role) => [role.name, { role, children: [] as RoleNode[] }]));
  const tops: RoleNode[] = [];
  for (const node of nodes.values()) {
    let parent = parentName(node.role.name);
    while (parent !== undefined && !nodes.has(parent)) parent = parentName(parent);
    const into = parent === undefined ? tops : nodes.get(parent)!.children;
    into.push(node);
  }
  const order = (list: RoleNode[]) => {
    list.sort((a, b) => rank(a.role.name) - rank(b.role.name) || a.role.name.localeCompare(b.role.name));
    for (const node of list) order(node.children);
  };
  order(tops);
  return tops;
}

/** The role that expires first, for the Trust tab's header warning; undefined when none is near. */
export function soonestExpiry(roles: readonly DctRoleView[], now: number = Date.now()) {
  let soonest: { role: DctRoleView; expiry: Expiry } | undefined;
  for (const role of roles) {
    const expiry = expiryOf(role.expires, now);
    if (expiry.tone !== 'warn' && expiry.tone !== 'bad') continue;
    if (!soonest || (expiry.days ?? 0) < (soonest.expiry.days ?? 0)) soonest = { role, expiry };
  }
  return soonest;
}
