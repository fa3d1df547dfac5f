/**
 * The production server: Next's request handler behind one step of our own. A guest's request for a menu or
 * product page the page cache holds (and has checked is current) is answered from memory before Next parses
 * it, which is most of a cached page's cost under `next start`; every other request is Next's, exactly as
 * under `next start`. Run by `pnpm start`; it listens on PORT (default 3000) on every interface, as
 * `next start` does.
 */
import { createServer } from "node:http";
import next from "next";
import { listenPort } from "./src/env";
import { frontDoor } from "./src/server/page-cache/front-door-slot";

// tsx, which runs this file, turns on source maps for every stack trace in the process; mapping a stack reads
// the bundle's .map files (several MB, synchronously). `next start` runs Next's bundles without them.
process.setSourceMapsEnabled(false);

const port = listenPort();
// Next builds its own absolute URLs (a server action's redirect, rendered through a request to itself) from
// this name and port, as `next start` does.
const app = next({ dev: false, dir: import.meta.dirname, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

// A long address reaches the proxy, which refuses it with a message (Node's 16 KB default would answer 431
// with no body, or reset the connection).
const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
  if (frontDoor()?.(req, res)) return;
  void handle(req, res);
});
server.listen(port, () => {
  console.log(`> Ready on http://localhost:${port}`);
});

// Stop taking connections, let requests in flight finish, then leave (at most 10 s later).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
