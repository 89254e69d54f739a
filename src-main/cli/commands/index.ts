import type { Command } from '../command.js';

/**
 * Every subcommand, with what `--help` says of it. A command's module is imported only when it
 * runs: `images` need not load the web server, and `--help` loads neither dockerode nor zod.
 */
export const COMMANDS: { name: string; summary: string; load(): Promise<Command> }[] = [
  {
    name: 'images',
    summary: 'List the images of an engine',
    load: async () => (await import('./images.js')).imagesCommand,
  },
  {
    name: 'ref',
    summary: 'Parse and normalize an image reference',
    load: async () => (await import('./ref.js')).refCommand,
  },
  {
    name: 'catalog',
    summary: 'List the repositories of a registry',
    load: async () => (await import('./catalog.js')).catalogCommand,
  },
  {
    name: 'tags',
    summary: 'List the tags of a repository in a registry',
    load: async () => (await import('./tags.js')).tagsCommand,
  },
  {
    name: 'inspect',
    summary: 'Show an image in a registry: digest, platforms, config, layers',
    load: async () => (await import('./inspect.js')).inspectCommand,
  },
  {
    name: 'copy',
    summary: 'Copy an image from one registry repository to another, digest kept',
    load: async () => (await import('./copy.js')).copyCommand,
  },
  {
    name: 'push',
    summary: 'Push an image of the engine to a registry, as docker push does',
    load: async () => (await import('./push.js')).pushCommand,
  },
  {
    name: 'pull',
    summary: 'Pull an image from a registry into the engine, as docker pull does',
    load: async () => (await import('./pull.js')).pullCommand,
  },
  {
    name: 'layers',
    summary: "Show an image's layers and the build step that made each, without pulling it",
    load: async () => (await import('./layers.js')).layersCommand,
  },
  {
    name: 'files',
    summary: "List an image's files, merged or of one layer, without pulling it",
    load: async () => (await import('./files.js')).filesCommand,
  },
  {
    name: 'cat',
    summary: 'Write a file of an image to stdout, checked against its layer digest',
    load: async () => (await import('./cat.js')).catCommand,
  },
  {
    name: 'diff',
    summary: "Compare two images' files: added, removed, changed",
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    name: 'delete',
    summary: 'Delete a tag or digest from a registry (by digest)',
    load: async () => (await import('./delete.js')).deleteCommand,
  },
  {
    name: 'trust',
    summary: 'Show what signs an image in a registry (cosign, Notation, DCT) and whether it verifies',
    load: async () => (await import('./trust.js')).trustCommand,
  },
  {
    name: 'sign',
    summary: 'Sign an image in a registry with a cosign-compatible key',
    load: async () => (await import('./sign.js')).signCommand,
  },
  {
    name: 'login',
    summary: 'Log in to a registry, as docker login does',
    load: async () => (await import('./login.js')).loginCommand,
  },
  {
    name: 'logout',
    summary: 'Log out of a registry, as docker logout does',
    load: async () => (await import('./logout.js')).logoutCommand,
  },
  {
    name: 'serve',
    summary: 'Serve the app to a browser on this machine (127.0.0.1 only)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'open',
    summary: 'Open the desktop app (or, without Electron, serve it to a browser)',
    load: async () => (await import('./open.js')).openCommand,
  },
];
