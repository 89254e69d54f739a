import { describe, expect, it } from 'vitest';
import { ScopeSet, splitScope } from '../../src-main/core/registry/transport/scopes.js';

describe('ScopeSet', () => {
  it('accumulates scopes, sorted, so one token covers catalog and repositories', () => {
    const set = new ScopeSet();
    set.add(['registry:catalog:*']);
    set.add(['repository:library/ubuntu:pull']);
    set.add(['repository:alpine:pull']);
    expect(set.list()).toEqual([
      'registry:catalog:*',
      'repository:alpine:pull',
      'repository:library/ubuntu:pull',
    ]);
  });

  it('merges actions on the same resource', () => {
    const set = new ScopeSet();
    expect(set.add(['repository:demo:pull'])).toBe(true);
    expect(set.add(['repository:demo:push,pull'])).toBe(true);
    expect(set.add(['repository:demo:pull'])).toBe(false);
    expect(set.list()).toEqual(['repository:demo:pull,push']);
  });

  it('keeps a host with a port inside the resource name', () => {
    expect(splitScope('repository:localhost:5000/demo:pull,push')).toEqual({
      resource: 'repository:localhost:5000/demo',
      actions: ['pull', 'push'],
    });
    const set = new ScopeSet();
    set.add(['repository:localhost:5000/demo:pull', 'repository:localhost:5000/demo:delete']);
    expect(set.list()).toEqual(['repository:localhost:5000/demo:delete,pull']);
  });

  it('says whether it already covers scopes', () => {
    const set = new ScopeSet();
    set.add(['repository:demo:pull,push']);
    expect(set.covers(['repository:demo:pull'])).toBe(true);
    expect(set.covers(['repository:demo:delete'])).toBe(false);
    expect(set.covers(['registry:catalog:*'])).toBe(false);
  });

  it('drops the least recently used resources past its limit', () => {
    const set = new ScopeSet(2);
    set.add(['repository:a:pull']);
    set.add(['repository:b:pull']);
    set.add(['repository:a:pull']);
    set.add(['repository:c:pull']);
    expect(set.list()).toEqual(['repository:a:pull', 'repository:c:pull']);
  });

  it('keeps a scope it cannot split as an opaque string', () => {
    const set = new ScopeSet();
    set.add(['odd']);
    expect(set.list()).toEqual(['odd']);
  });
});
