// The `instantly-wasm/web` subpath (the raw `--target web` bindings): explicit init for hosts
// that load the wasm themselves.

import init, { initSync, InstantlyClient, type InitInput, type InitOutput, type SyncInitInput } from "instantly-wasm/web";

export async function start(wasm: InitInput): Promise<InstantlyClient> {
  const exports: InitOutput = await init({ module_or_path: wasm });
  console.log(exports.memory.buffer.byteLength);
  return new InstantlyClient({ baseUrl: "/instantly" });
}

export function startSync(bytes: SyncInitInput): InstantlyClient {
  initSync({ module: bytes });
  return new InstantlyClient({ baseUrl: "/instantly" });
}
