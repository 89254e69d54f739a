import { describe, expect, it } from 'vitest';
import { copyFailure } from '../../src-main/core/registry/copy-errors.js';
import { RegistryError, registryErrorFrom } from '../../src-main/core/registry/errors.js';

const sides = { source: 'src.example', destination: 'dst.example' };
const body = (code: string, message: string, detail?: unknown) =>
  JSON.stringify({ errors: [{ code, message, detail }] });

describe('copyFailure', () => {
  it('says to log in (again) with the command, keeping code, status and details', () => {
    const error = registryErrorFrom(401, body('UNAUTHORIZED', 'authentication required'), 'dst.example');
    const worded = copyFailure(error, sides) as RegistryError;
    expect(worded).toBeInstanceOf(RegistryError);
    expect(worded).toMatchObject({ code: 'UNAUTHORIZED', status: 401, specCodes: ['UNAUTHORIZED'] });
    expect(worded.message).toBe(
      'dst.example refused the copy without a valid login (authentication required). Log in, or log in again if the stored login is wrong (stevedore login dst.example), then copy again.',
    );
    expect(worded.details).toMatchObject({ host: 'dst.example' });
    expect(worded.cause).toBe(error);
  });

  it('says which side denied what: pushing to the destination, reading from the source', () => {
    const dst = copyFailure(registryErrorFrom(403, body('DENIED', 'no'), 'dst.example'), sides) as Error;
    const src = copyFailure(registryErrorFrom(403, body('DENIED', 'no'), 'src.example'), sides) as Error;
    expect(dst.message).toContain('this login may not push there.');
    expect(src.message).toContain('this login may not read the image.');
    expect(src.message).toContain('(stevedore login src.example)');
  });

  it('names a full disk from distribution’s detail and says to free space, without its paths', () => {
    const error = registryErrorFrom(
      500,
      body('UNKNOWN', 'unknown error', 'write /var/lib/registry/docker/x/data: no space left on device'),
      'dst.example',
    );
    const worded = copyFailure(error, sides) as RegistryError;
    expect(worded.code).toBe('REGISTRY_ERROR');
    expect(worded.message).toBe(
      'dst.example ran out of storage space (no space left on device). Free space on the registry, then copy again: blobs it already has are not sent twice.',
    );
    const driverError = {
      DriverName: 'filesystem',
      Enclosed: { Op: 'write', Path: '/var/lib/registry/x', Err: 28 },
    };
    expect(
      copyFailure(
        registryErrorFrom(500, body('UNKNOWN', 'unknown error', driverError), 'dst.example'),
        sides,
      ),
    ).toMatchObject({
      message: expect.stringMatching(/^dst\.example ran out of storage space \(no space left on device\)\./),
    });
    expect(copyFailure(registryErrorFrom(507, '', 'dst.example'), sides)).toMatchObject({
      message: expect.stringContaining('(HTTP 507 Insufficient Storage)'),
    });
  });

  it('reads another failed write as one, with the usual cause', () => {
    const worded = copyFailure(
      registryErrorFrom(500, body('UNKNOWN', 'unknown error', { reason: 'x' }), 'dst.example'),
      sides,
    ) as Error;
    expect(worded.message).toBe(
      'dst.example failed to store the copy (HTTP 500: unknown error); a full disk is the usual cause. Its log says more; once it is fixed, copy again.',
    );
  });

  it('adds the next step to a registry that went away; only the destination keeps blobs for next time', () => {
    const gone = (host: string) =>
      new RegistryError('REGISTRY_UNREACHABLE', `Cannot reach ${host}: the connection was refused.`, {
        details: { host },
      });
    expect((copyFailure(gone('dst.example'), sides) as Error).message).toBe(
      'Cannot reach dst.example: the connection was refused. Nothing was tagged; once dst.example answers again, copy again: blobs it already has are not sent twice.',
    );
    expect((copyFailure(gone('src.example'), sides) as Error).message).toBe(
      'Cannot reach src.example: the connection was refused. Nothing was tagged; once src.example answers again, copy again.',
    );
  });

  it('leaves alone what it has nothing to add to', () => {
    const notFound = registryErrorFrom(404, body('MANIFEST_UNKNOWN', 'unknown'), 'src.example');
    const sourceFailure = registryErrorFrom(500, body('UNKNOWN', 'unknown error'), 'src.example');
    const plain = new Error('x');
    expect(copyFailure(notFound, sides)).toBe(notFound);
    expect(copyFailure(sourceFailure, sides)).toBe(sourceFailure);
    expect(copyFailure(plain, sides)).toBe(plain);
  });
});
