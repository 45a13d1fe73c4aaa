//! The few Node.js APIs the UI's code uses: vitest's set-up reads the core's `.wasm` file, and
//! the layout test rewrites the examples' layouts when asked to (`WAYMARK_RELAYOUT=1`), and a
//! simulation test reads the UI's sources. The
//! project has no `@types/node`, and this is all of Node it needs.

declare module 'node:fs' {
  export function readFileSync(path: URL): Uint8Array<ArrayBuffer>;
  export function readFileSync(path: URL, encoding: 'utf8'): string;
  export function writeFileSync(path: URL, text: string): void;
  export function readdirSync(path: URL, options: { recursive: true; encoding: 'utf8' }): string[];
}

declare const process: { env: Record<string, string | undefined> };
