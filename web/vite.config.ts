import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mantineThemeCss } from './build/mantine-css.ts';
import { cssVariablesResolver, theme } from './theme.ts';

// Built into web/dist and served by the Hearth server itself (src/web/routes.ts), same origin,
// under its strict CSP. `npm run build:web` builds it; `hearth start` rebuilds when stale.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), mantineThemeCss(theme, cssVariablesResolver)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // No source maps in the served build: the server would not send them anyway.
    sourcemap: false,
    // Inlined assets become data: URLs; fine for images (img-src allows data:), but keep
    // fonts and everything else as files so the CSP never has to allow data: for them.
    assetsInlineLimit: 0,
    // The largest lazy chunk is the password policy with its dictionaries (src/auth/
    // password-policy.ts), loaded only where a password is chosen; the first visit stays small
    // (web/build/bundle-report.ts keeps the budget).
    chunkSizeWarningLimit: 1800,
  },
});
