import type { Strings } from './en';

export const pt: Strings = {
  app: {
    title: 'Atalaya',
    screen: 'Tela {{id}}',
    demo: 'DEMO',
    demoHint: 'Site de demonstração integrado: câmeras simuladas, sem servidor',
    loading: 'Conectando ao Atalaya…',
    connectionLost: 'Conexão com o servidor do Atalaya perdida — reconectando…',
    noScreen: 'Não existe a tela {{id}} neste mural.',
    language: 'Idioma',
  },
  languages: { auto: 'Idioma do sistema', en: 'English', es: 'Español', pt: 'Português' },
  tile: {
    empty: 'Quadro vazio',
    unknownCamera: 'A câmera {{id}} não está neste site',
    state: {
      idle: 'Em espera',
      connecting: 'Conectando…',
      live: 'Ao vivo',
      reconnecting: 'Reconectando',
      offline: 'Sem sinal',
      error: 'Erro',
    },
    attempt: 'tentativa {{attempt}}',
    nextTry: 'nova tentativa em {{seconds}} s',
    reason: {
      network: 'Erro de rede',
      http_status: 'O servidor recusou o fluxo',
      stream_ended: 'O fluxo terminou',
      media_format: 'O fluxo não é vídeo válido',
      media_decode: 'Não foi possível decodificar o vídeo',
      stalled: 'A imagem congelou',
      unsupported: 'Formato de vídeo não suportado',
    },
  },
  notice: {
    siteProblem: 'Problema com o arquivo do site',
    dismiss: 'Fechar',
  },
};
