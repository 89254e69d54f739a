import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../src-main/core/registry/transport/token-cache.js';

describe('TokenCache', () => {
  it('drops a long-lived token 10 s before it expires', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    await cache.get('k', async () => ({ token: 'a', expiresInSeconds: 300 }));
    now = 289_999;
    expect((await cache.get('k', async () => ({ token: 'b', expiresInSeconds: 300 }))).token).toBe('a');
    now = 290_001;
    expect((await cache.get('k', async () => ({ token: 'b', expiresInSeconds: 300 }))).token).toBe('b');
  });

  it('reuses a token until shortly before it expires', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TokenCache(() => now);
    const fetch = async () => ({ token: `t${++fetches}`, expiresInSeconds: 60 });

    expect(await cache.get('k', fetch)).toEqual({ token: 't1', fresh: true });
    now = 53_999;
    expect(await cache.get('k', fetch)).toEqual({ token: 't1', fresh: false });
    now = 54_001; // a 60 s token is dropped 6 s early (10% of its life, at most 10 s)
    expect(await cache.get('k', fetch)).toEqual({ token: 't2', fresh: true });
  });

  it('keeps a short-lived token for 90% of its life', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    await cache.get('k', async () => ({ token: 'a', expiresInSeconds: 2 }));
    now = 1_700;
    expect((await cache.get('k', async () => ({ token: 'b', expiresInSeconds: 2 }))).token).toBe('a');
    now = 1_801;
    expect((await cache.get('k', async () => ({ token: 'b', expiresInSeconds: 2 }))).token).toBe('b');
  });

  it('shares one fetch between concurrent requests for a key, and keys apart', async () => {
    const cache = new TokenCache();
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      const token = `t${fetches}`;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { token, expiresInSeconds: 60 };
    };
    const results = await Promise.all([cache.get('a', fetch), cache.get('a', fetch), cache.get('b', fetch)]);
    expect(fetches).toBe(2);
    expect(results[0]?.token).toBe(results[1]?.token);
    expect(results[2]?.token).not.toBe(results[0]?.token);
  });

  it('does not keep a failed fetch, and forgets deleted tokens', async () => {
    const cache = new TokenCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect((await cache.get('k', async () => ({ token: 'ok', expiresInSeconds: 60 }))).token).toBe('ok');
    cache.delete('k');
    expect((await cache.get('k', async () => ({ token: 'new', expiresInSeconds: 60 }))).fresh).toBe(true);
  });
});
