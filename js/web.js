// The raw web entry (`instantly-wasm/web`): call the default export (`init`) or `initSync` once
// before use, e.g. with the URL or bytes of `instantly_wasm_bg.wasm`; then use the client as from
// any entry. A client created before that throws an error saying so.
import init0, { initSync as initSync0 } from "./instantly_wasm.js";
import { InstantlyClient as Client } from "./client.js";

let ready = false;

export default async function init(input) {
  const exports = await init0(input);
  ready = true;
  return exports;
}

export function initSync(module) {
  const exports = initSync0(module);
  ready = true;
  return exports;
}

export * from "./instantly_wasm.js";
export * from "./client.js";

export class InstantlyClient extends Client {
  constructor(options) {
    if (!ready) {
      throw new Error("instantly-wasm/web: call and await init() (or call initSync()) before creating a client");
    }
    super(options);
  }
}
