import type { ManifestOptions } from 'vite-plugin-pwa';

/** What the phone shows when Vigie is installed on its home screen. */
export const PWA_MANIFEST: Partial<ManifestOptions> = {
  name: 'Vigie — tranquillité résidentielle',
  short_name: 'Vigie',
  description: 'Signaler les incidents sur le patrimoine, même sans réseau.',
  lang: 'fr',
  start_url: '/incidents/nouveau',
  scope: '/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#000091',
  icons: [
    { src: '/icons/vigie-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/vigie-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/vigie-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
