#!/usr/bin/env node
// A tiny local HTTP proxy for the MCP conformance suite, which sends no
// Authorization header in server mode: it adds the bearer token and passes
// everything else through unchanged, Host and Origin included, so the
// backend's DNS-rebinding guard sees what the suite sent.
//
//   MCP_TOKEN=... node scripts/mcp-conformance-proxy.mjs <target-origin> <listen-port>
import http from 'node:http';

const [target, listenPort] = process.argv.slice(2);
const token = process.env.MCP_TOKEN;
if (!target || !listenPort || !token) {
  console.error(
    'usage: MCP_TOKEN=<token> mcp-conformance-proxy.mjs <target origin, e.g. http://localhost:7007> <listen port>',
  );
  process.exit(2);
}
const upstream = new URL(target);

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${token}` };
  const forward = http.request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers,
    },
    upstreamRes => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  forward.on('error', error => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy error: ${error.message}`);
  });
  req.pipe(forward);
});

server.listen(Number(listenPort), '127.0.0.1', () => {
  console.log(
    `mcp-conformance-proxy: http://localhost:${listenPort} -> ${upstream.origin} (adds the bearer token)`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
