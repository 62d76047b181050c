// The client's JavaScript surface, built from the list of operations that `codegen/` writes into
// `client.js`: `InstantlyClient` with one accessor per group, and one class per group whose
// methods each call the wasm engine with the operation's index in the table. No logic lives
// here beyond that mapping; checks, requests and answers are the engine's.
import { Engine } from "./instantly_wasm.js";

/** The engine a group object calls. */
let engineOf;

/** What every group class shares: the client's engine. */
class Api {
  #e;

  constructor(engine) {
    this.#e = engine;
  }

  static {
    engineOf = (api) => api.#e;
  }
}

/** A method that calls operation `i`, by its shape: `/` a path value first, `-` no params. */
const call = {
  "": (i) =>
    function (params, options) {
      return engineOf(this).call(i, [], params, options);
    },
  "-": (i) =>
    function (options) {
      return engineOf(this).call(i, [], undefined, options);
    },
  "/": (i) =>
    function (value, params, options) {
      return engineOf(this).call(i, [value], params, options);
    },
  "/-": (i) =>
    function (value, options) {
      return engineOf(this).call(i, [value], undefined, options);
    },
};

/** A method that walks list operation `i` (`<name>All`): it always takes params. */
const listAll = {
  "": (i) =>
    function (params, options) {
      return engineOf(this).listAll(i, [], params, options);
    },
  "/": (i) =>
    function (value, params, options) {
      return engineOf(this).listAll(i, [value], params, options);
    },
};

/** Adds `f` to `target` as a class body would: named, not enumerable. */
function define(target, name, f) {
  Object.defineProperty(f, "name", { value: name, configurable: true });
  Object.defineProperty(target, name, { value: f, writable: true, configurable: true });
}

/**
 * The client and its group classes, by class name. `groups` lists every operation in table
 * order (an operation's index is its position in the list) under the accessor of its group:
 * `[accessor, methods]`, the methods one string, each a name then `/` when it takes a path value
 * first, `-` when it takes no params, `*` when it is a cursor-paginated list (which also gets
 * `<name>All`). `extras` are methods that are not one operation: `[accessor, method, engine
 * function]`, each taking one value and the options.
 */
export function facade(groups, extras) {
  const classes = new Map();
  let index = 0;
  for (const [group, methods] of groups) {
    const name = group[0].toUpperCase() + group.slice(1) + "Api";
    const Group = { [name]: class extends Api {} }[name];
    for (const m of methods.split(" ")) {
      const [, method, shape, paged] = /^(\w+)(\/?-?)(\*?)$/.exec(m);
      define(Group.prototype, method, call[shape](index));
      if (paged) define(Group.prototype, method + "All", listAll[shape[0] === "/" ? "/" : ""](index));
      index++;
    }
    classes.set(group, Group);
  }
  for (const [group, method, fn] of extras) {
    define(classes.get(group).prototype, method, function (value, options) {
      return engineOf(this)[fn](value, options);
    });
  }

  /** The Instantly API V2 client: one accessor per group of operations. */
  class InstantlyClient {
    #engine;
    #groups = [];

    constructor(options) {
      this.#engine = new Engine(options);
    }

    static {
      let k = 0;
      for (const [group, Group] of classes) {
        const slot = k++;
        Object.defineProperty(this.prototype, group, {
          get() {
            return (this.#groups[slot] ??= new Group(this.#engine));
          },
          configurable: true,
        });
      }
    }

    /** Calls any route: `path` relative to `/api/v2`, with the client's auth, limiter, retries and errors. */
    callEndpoint(path, options, requestOptions) {
      return this.#engine.callEndpoint(path, options, requestOptions);
    }

    /** A key-free description of the client. */
    toJSON() {
      return this.#engine.toJSON();
    }

    toString() {
      return this.#engine.toString();
    }

    /** Frees the client's memory in the wasm module now (otherwise done on garbage collection); every later call fails with a ValidationError. */
    free() {
      this.#engine.close();
    }
  }
  if (Symbol.dispose) InstantlyClient.prototype[Symbol.dispose] = InstantlyClient.prototype.free;

  const all = { InstantlyClient };
  for (const Group of classes.values()) all[Group.name] = Group;
  return all;
}
