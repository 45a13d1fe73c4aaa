//! Vitest's set-up, run before every test file: loads the real Waymark core, so that every
//! diagnostic, duration and report a unit test sees comes from Rust. The `.wasm` file is built by
//! `cargo build -p waymark-wasm` and `wasm-bindgen` (the xtask does both before `npm test`).

import { readFileSync } from 'node:fs';
import { initCoreSync } from './core';

initCoreSync(readFileSync(new URL('./wasm/waymark_wasm_bg.wasm', import.meta.url)));
