import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * Tauri freezes `Object.prototype` (`freezePrototype`), and then assigning `constructor` on an
 * object literal throws in strict code ("the override mistake"). d3-color, which React Flow's zoom
 * uses, does exactly that once at start-up; define the property instead of assigning it. The
 * build fails if the line is no longer there, so an upgrade of d3-color is noticed.
 */
function frozenPrototypeSafeD3Color(): Plugin {
  const needle = 'prototype.constructor = constructor;';
  return {
    name: 'waymark:frozen-prototype-safe-d3-color',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]d3-color[\\/]/.test(id)) return null;
      if (!code.includes(needle)) {
        if (/src[\\/]define\.js$|d3-color\.mjs$/.test(id)) this.error(`d3-color changed: "${needle}" not found in ${id}`);
        return null;
      }
      return code.replace(needle, "Object.defineProperty(prototype, 'constructor', { value: constructor, writable: true, configurable: true });");
    },
  };
}

// The desktop shell loads `dist/` from disk; nothing is fetched from the network at run time.
export default defineConfig({
  plugins: [frozenPrototypeSafeD3Color(), react()],
  // Relative asset URLs work both under Tauri's custom protocol and `vite preview`.
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The example journeys live one level up, next to the Rust crates.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // The app, and the frame the Export dialog draws Mermaid pictures in (`src/mermaidFrame.ts`).
    rollupOptions: { input: { main: 'index.html', mermaid: 'mermaid.html' } },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Loads the real core (WebAssembly) before each test file: tests see Rust's answers.
    setupFiles: ['src/vitest.setup.ts'],
  },
});
