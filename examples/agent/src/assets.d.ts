// Files under assets/ are bundled into the component as their bytes (esbuild's binary loader).
declare module '*.ogg' {
  const bytes: Uint8Array;
  export default bytes;
}
