import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Dockerode from 'dockerode';

/**
 * dockerode loads code at require time that most runs never use: its BuildKit session support
 * (`@grpc/grpc-js` and `@grpc/proto-loader`, for `buildImage` with `version: '2'`) and
 * docker-modem's SSH transport (`ssh2`, for `ssh://` engines): about a third of the CLI's
 * start-up before its first request reaches the engine. Each of those modules exports one
 * function; until dockerode requires them, a stand-in takes their place in the module cache and
 * loads the real module the first time it is called.
 *
 * dockerode is required here rather than imported: an import would be evaluated before any code
 * of the bundle that holds it, and so before the stand-ins are in place.
 */
export function loadDockerode(): typeof Dockerode {
  const require = createRequire(import.meta.url);
  const fromDockerode = createRequire(require.resolve('dockerode'));
  const fromModem = createRequire(fromDockerode.resolve('docker-modem'));
  defer(fromDockerode, join(dirname(fromDockerode.resolve('dockerode')), 'session.js'));
  defer(fromModem, join(dirname(fromModem.resolve('docker-modem')), 'ssh.js'));
  return require('dockerode') as typeof Dockerode;
}

function defer(require: NodeJS.Require, path: string): void {
  if (require.cache[path]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = (...args: unknown[]) => {
    if (!real) {
      delete require.cache[path];
      real = require(path) as (...args: unknown[]) => unknown;
    }
    return real(...args);
  };
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = standIn;
  require.cache[path] = module;
}
