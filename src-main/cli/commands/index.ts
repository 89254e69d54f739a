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
