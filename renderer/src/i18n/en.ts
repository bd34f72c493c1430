/** English strings. es.ts and pt.ts must have exactly the same keys (a test checks). */
export const en = {
  app: {
    title: 'Atalaya',
    screen: 'Screen {{id}}',
    demo: 'DEMO',
    demoHint: 'Built-in demo site: simulated cameras, no server needed',
    loading: 'Connecting to Atalaya…',
    connectionLost: 'Connection to the Atalaya host lost — reconnecting…',
    noScreen: 'There is no screen {{id}} on this wall.',
    language: 'Language',
  },
  languages: { auto: 'System language', en: 'English', es: 'Español', pt: 'Português' },
  tile: {
    empty: 'Empty tile',
    unknownCamera: 'Camera {{id}} is not in this site',
    state: {
      idle: 'Idle',
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting',
      offline: 'Offline',
      error: 'Error',
    },
    attempt: 'attempt {{attempt}}',
    degradedSub: 'SUB',
    degradedKeyframes: 'KEY',
    degradedHint: 'The computer is overloaded: this tile shows a lighter stream until load allows',
    nextTry: 'next try in {{seconds}} s',
    reason: {
      network: 'Network error',
      http_status: 'The server refused the stream',
      stream_ended: 'The stream ended',
      media_format: 'The stream is not valid video',
      media_decode: 'The video could not be decoded',
      stalled: 'The picture froze',
      unsupported: 'Unsupported video format',
    },
  },
  hud: {
    resolution: 'Resolution',
    fps: 'fps',
    bitrate: 'Bitrate',
    bufferLatency: 'Buffer',
    transportLatency: 'Transport',
    dropped: 'Dropped',
    engine: 'Engine',
    degradedLevel: 'degraded {{level}}',
  },
  auth: {
    username: 'Username',
    password: 'Password',
    login: { title: 'Sign in', submit: 'Sign in' },
    setup: { title: 'Create the administrator', submit: 'Create and sign in', hint: 'No account exists yet. The first account administers this installation: choose a strong password (at least 12 characters).' },
    unlock: { title: 'Session locked', submit: 'Unlock', hint: 'Locked after inactivity. Type the password of {{username}} to continue.' },
  },
  notice: {
    siteProblem: 'Problem with the site file',
    dismiss: 'Dismiss',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Strings = Shape<typeof en>;
