//! The one Node.js API the UI's code uses: vitest's set-up reads the core's `.wasm` file. The
//! project has no `@types/node`, and this is all of Node it needs.

declare module 'node:fs' {
  export function readFileSync(path: URL): Uint8Array<ArrayBuffer>;
}
