import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The CLI is built beside the Electron main so both share one core; it never loads electron.
        input: {
          index: resolve('src-main/electron/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer is also served to browsers, so minify it.
      minify: true,
      // Heavy features off the first screen (layers, trust, transfer dialogs) are split off with
      // React.lazy; the total is tracked by bench/bundle-size.js.
      chunkSizeWarningLimit: 800,
      rolldownOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
