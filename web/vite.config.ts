import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [react()],
  resolve: {
    alias: { '@contracts': fileURLToPath(new URL('../contracts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Ant Design alone is ~1 MB minified (320 kB gzip); it sits in its own long-cached chunk.
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: {
        // Vendor code changes far less often than ours; separate chunks keep browser caches warm.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(antd|@ant-design|rc-|@rc-component|dayjs)/.test(id)) return 'antd';
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          return 'vendor';
        },
      },
    },
  },
  server: {
    // The API, public web-to-lead forms (/f), mail tracking (/t) and calendar feeds (/ical) are served by the Node server.
    // Keys starting with ^ are patterns: a bare '/f' would also catch '/favicon.ico'.
    proxy: {
      '/api': 'http://localhost:3000',
      '^/f/': 'http://localhost:3000',
      '^/t/': 'http://localhost:3000',
      '^/ical/': 'http://localhost:3000',
    },
  },
});
