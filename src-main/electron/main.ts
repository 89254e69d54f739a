/**
 * The Electron main process: one instance, one window, the contract served over IPC.
 * All the work lives in src-main/core behind createApp; this file only wires Electron to it.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Menu, screen, session } from 'electron';
import { type App, createApp } from '../ipc/app.js';
import { contentSecurityPolicy } from '../ipc/content-security-policy.js';
import { type ElectronIpcServer, serveElectronIpc } from '../ipc/electron-server.js';
import { createUrlTrust } from '../ipc/trusted-origin.js';
import { buildAppMenu } from './menu.js';
import { guardNavigation } from './navigation-guards.js';
import { safeStorageCipher } from './safe-storage.js';
import { guardSession } from './session-guards.js';
import { createMainWindow } from './window.js';
import { rememberWindowState, restorableState } from './window-state.js';

/** How long quitting waits for running tasks to stop and the engine watch to close. */
const QUIT_GRACE_MS = 3_000;

// electron-vite sets this only in `electron-vite dev`; a packaged app never loads from a server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const isTrustedUrl = createUrlTrust({ fileUrl: pathToFileURL(rendererFile).href, devServerUrl });

app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  run();
} else {
  app.quit();
}

function run(): void {
  let core: App | undefined;
  let ipc: ElectronIpcServer | undefined;
  let window: BrowserWindow | undefined;
  let quitting = false;

  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isTrustedUrl));

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const openWindow = (current: App, server: ElectronIpcServer) => {
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const opened = createMainWindow({
      preloadPath,
      state: restorableState(current.settings.get().window, workAreas),
    });
    window = opened;
    rememberWindowState(opened, current.settings);
    server.attach(opened.webContents);
    opened.on('closed', () => {
      if (window === opened) window = undefined;
    });
    if (devServerUrl) void opened.loadURL(devServerUrl);
    else void opened.loadFile(rendererFile);
  };

  app
    .whenReady()
    .then(async () => {
      app.setAboutPanelOptions({ applicationName: 'Stevedore', applicationVersion: app.getVersion() });
      const devSocket = devServerUrl ? new URL(devServerUrl) : undefined;
      if (devSocket) devSocket.protocol = devSocket.protocol === 'https:' ? 'wss:' : 'ws:';
      guardSession(
        session.defaultSession,
        contentSecurityPolicy({ connect: devSocket ? [devSocket.origin] : [], inlineScripts: !!devSocket }),
      );
      Menu.setApplicationMenu(buildAppMenu({ isDev: !app.isPackaged, isMac: process.platform === 'darwin' }));

      core = await createApp({ env: process.env, transport: 'electron', cipher: safeStorageCipher() });
      const server = serveElectronIpc(ipcMain, core, (frame) => !!frame && isTrustedUrl(frame.url));
      ipc = server;
      const started = core;
      openWindow(started, server);
      app.on('activate', () => {
        if (!window) openWindow(started, server);
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Stevedore could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting cancels running tasks and closes the engine watch before the process goes.
  app.on('will-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    ipc?.close();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, QUIT_GRACE_MS));
    void Promise.race([core.close(), grace]).finally(() => app.quit());
  });
}
