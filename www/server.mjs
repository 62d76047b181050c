// The demo's server: serves the page (www/app/) and the built package (pkg/ at /pkg/), and
// proxies /instantly/api/v2/* to the Instantly API, adding the API key, so the page never sees it.
//
//   node www/server.mjs --upstream http://127.0.0.1:8787      # fake-instantly, its default key
//   INSTANTLY_API_KEY=... node www/server.mjs                 # the real API with your key
//
// Options: --port N (default 8080; 0 = any free port), --host H (default 127.0.0.1),
// --upstream URL (default: https://api.instantly.ai when INSTANTLY_API_KEY is set, else
// http://127.0.0.1:8787). Prints "demo listening on http://HOST:PORT" once ready.
// Nothing but /instantly/api/v2/* is forwarded, and only the headers the API needs.
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FAKE_DEFAULT_KEY = "fake-instantly-test-key";
const MAX_BODY = 8 * 1024 * 1024;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};
/** Request headers passed upstream; everything else (cookies, the page's own auth…) is dropped. */
const FORWARD_REQUEST = ["content-type", "accept", "x-as-workspace"];
/** Response headers passed back to the page. */
const FORWARD_RESPONSE = ["content-type", "retry-after"];

/**
 * Starts the server. `upstream` is the API origin, `apiKey` the key added to every proxied call,
 * `appDir`/`pkgDir` the folders served at `/` and `/pkg/`. Resolves with `{ url, close() }`.
 */
export async function startServer({ port = 8080, host = "127.0.0.1", upstream, apiKey, appDir, pkgDir }) {
  appDir ??= path.join(HERE, "app");
  pkgDir ??= path.join(HERE, "..", "pkg");
  const csp = await contentSecurityPolicy(path.join(appDir, "index.html"));
  const server = createServer((req, res) => {
    handle(req, res, { upstream, apiKey, appDir, pkgDir, csp }).catch((err) => {
      console.error(`demo: ${req.method} ${req.url}: ${err.message}`);
      if (!res.headersSent) sendJson(res, 502, { statusCode: 502, error: "Bad Gateway", message: "proxy error" });
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  return {
    url: `http://${host}:${addr.port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

async function handle(req, res, ctx) {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname.startsWith("/instantly/")) return proxy(req, res, url, ctx);
  if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "method not allowed" });
  if (url.pathname.startsWith("/pkg/")) return serveFile(res, ctx.pkgDir, url.pathname.slice(5), ctx);
  return serveFile(res, ctx.appDir, url.pathname === "/" ? "index.html" : url.pathname.slice(1), ctx);
}

async function proxy(req, res, url, { upstream, apiKey }) {
  const rest = url.pathname.slice("/instantly".length);
  if (!rest.startsWith("/api/v2/")) return sendJson(res, 404, { statusCode: 404, error: "Not Found", message: "only /instantly/api/v2/* is proxied" });
  const headers = { authorization: `Bearer ${apiKey}`, "user-agent": "instantly-wasm-demo" };
  for (const h of FORWARD_REQUEST) if (req.headers[h]) headers[h] = req.headers[h];
  const body = ["GET", "HEAD"].includes(req.method) ? undefined : await readBody(req);
  if (body === null) return sendJson(res, 413, { statusCode: 413, error: "Payload Too Large", message: `body over ${MAX_BODY} bytes` });
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const answer = await fetch(upstream + rest + url.search, { method: req.method, headers, body, signal: abort.signal, redirect: "manual" });
  const out = {};
  for (const h of FORWARD_RESPONSE) if (answer.headers.has(h)) out[h] = answer.headers.get(h);
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function serveFile(res, root, rel, { csp }) {
  let name;
  try {
    name = decodeURIComponent(rel);
  } catch {
    return sendJson(res, 400, { error: "bad path" });
  }
  const file = path.resolve(root, name);
  if (!file.startsWith(path.resolve(root) + path.sep)) return sendJson(res, 404, { error: "not found" });
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return sendJson(res, 404, { error: "not found" });
  const headers = {
    "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if (file.endsWith(".html")) headers["content-security-policy"] = csp;
  res.writeHead(200, headers);
  res.end(await readFile(file));
}

/**
 * A strict CSP for the page: scripts from this origin only, plus the inline import map by its
 * hash, and 'wasm-unsafe-eval' (needed to compile the client's WebAssembly).
 */
async function contentSecurityPolicy(indexHtml) {
  const html = await readFile(indexHtml, "utf8");
  const hashes = [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

function sendJson(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!["--port", "--host", "--upstream"].includes(flag) || value === undefined) {
      throw new Error(`usage: node www/server.mjs [--port N] [--host H] [--upstream URL] (got ${flag})`);
    }
    args[flag.slice(2)] = value;
  }
  return args;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = parseArgs(process.argv.slice(2));
  const realKey = process.env.INSTANTLY_API_KEY;
  const upstream = (args.upstream ?? (realKey ? "https://api.instantly.ai" : "http://127.0.0.1:8787")).replace(/\/+$/, "");
  const apiKey = realKey || process.env.FAKE_INSTANTLY_KEY || FAKE_DEFAULT_KEY;
  const { url, close } = await startServer({ port: Number(args.port ?? 8080), host: args.host, upstream, apiKey });
  console.log(`demo listening on ${url} (proxying /instantly to ${upstream}${realKey ? " with INSTANTLY_API_KEY" : ""})`);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => close().then(() => process.exit(0)));
}
