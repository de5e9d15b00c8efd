/** WebAssembly modules are bundled as bytes (esbuild's `binary` loader; test/unit/wasmHook.cjs under mocha). */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
