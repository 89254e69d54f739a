import { describe, expect, it } from 'vitest';
import { parseHubRateLimit } from '../../src-main/core/hub/index.js';

describe('parseHubRateLimit', () => {
  it("reads Docker Hub's ratelimit-limit and ratelimit-remaining", () => {
    const headers = new Headers({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' });
    expect(parseHubRateLimit(headers)).toEqual({ limit: 100, remaining: 76, windowSeconds: 21600 });
  });

  it('tolerates spaces and a window given on one header only', () => {
    const headers = new Headers({ 'RateLimit-Limit': ' 200 ; w = 21600 ', 'RateLimit-Remaining': '0' });
    expect(parseHubRateLimit(headers)).toEqual({ limit: 200, remaining: 0, windowSeconds: 21600 });
  });

  it('is undefined when the registry sends no limit, half of it, or nonsense', () => {
    expect(parseHubRateLimit(new Headers())).toBeUndefined();
    expect(parseHubRateLimit(new Headers({ 'ratelimit-limit': '100;w=21600' }))).toBeUndefined();
    expect(
      parseHubRateLimit(new Headers({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': '1;w=60' })),
    ).toBeUndefined();
    expect(
      parseHubRateLimit(new Headers({ 'ratelimit-limit': '100', 'ratelimit-remaining': '5' })),
    ).toBeUndefined();
  });
});
