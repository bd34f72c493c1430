import type { Strings } from './en';

export const es: Strings = {
  app: {
    title: 'Atalaya',
    screen: 'Pantalla {{id}}',
    demo: 'DEMO',
    demoHint: 'Sitio de demostración integrado: cámaras simuladas, sin servidor',
    loading: 'Conectando con Atalaya…',
    connectionLost: 'Se perdió la conexión con el servidor de Atalaya — reconectando…',
    noScreen: 'No existe la pantalla {{id}} en este muro.',
    language: 'Idioma',
  },
  languages: { auto: 'Idioma del sistema', en: 'English', es: 'Español', pt: 'Português' },
  tile: {
    empty: 'Mosaico vacío',
    unknownCamera: 'La cámara {{id}} no está en este sitio',
    state: {
      idle: 'En espera',
      connecting: 'Conectando…',
      live: 'En vivo',
      reconnecting: 'Reconectando',
      offline: 'Sin señal',
      error: 'Error',
    },
    attempt: 'intento {{attempt}}',
    nextTry: 'nuevo intento en {{seconds}} s',
    reason: {
      network: 'Error de red',
      http_status: 'El servidor rechazó el flujo',
      stream_ended: 'El flujo terminó',
      media_format: 'El flujo no es vídeo válido',
      media_decode: 'No se pudo decodificar el vídeo',
      stalled: 'La imagen se congeló',
      unsupported: 'Formato de vídeo no compatible',
    },
  },
  notice: {
    siteProblem: 'Problema con el archivo del sitio',
    dismiss: 'Cerrar',
  },
};
