import type { App, Session } from 'electron';

/**
 * Hardening that applies to every web contents the app ever creates (Electron's security
 * checklist): no navigation away from the app, no new windows, no <webview>, no permissions.
 */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Deny every permission request (camera, microphone, geolocation, notifications…) by default. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Chromium pauses video-only media and throttles timers in hidden or occluded windows; a wall
 * window behind another must still be at the live edge when it is shown again.
 */
export const NO_BACKGROUNDING_SWITCHES = ['disable-renderer-backgrounding', 'disable-background-timer-throttling', 'disable-backgrounding-occluded-windows'];
