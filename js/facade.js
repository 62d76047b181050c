// The base of the group classes that `client.js` (generated) declares, and the accessor their
// methods reach the wasm engine through. `client.js` writes each method out as a call into the
// engine with the operation's index in the table: V8 parses such source lazily, which costs a
// cold `import` about a millisecond less than building the same methods at load time. No logic
// lives here or there beyond that mapping; checks, requests and answers are the engine's.

/** The engine a group object calls. */
export let engine;

/** What every group class shares: the client's engine. */
export class Api {
  #e;

  constructor(engine) {
    this.#e = engine;
  }

  static {
    engine = (api) => api.#e;
  }
}
