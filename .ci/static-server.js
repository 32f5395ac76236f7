// A static file server for .ci/lighthouse: serves a built site folder on 127.0.0.1 with gzip
// (as real hosts do), index.html for folders and the site's 404.html for missing files.
// Usage: node .ci/static-server.js <folder> <port>
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const root = path.resolve(process.argv[2] || ".");
const port = Number(process.argv[3] || 8931);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".avif": "image/avif", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".ico": "image/x-icon", ".pdf": "application/pdf",
};

function resolveFile(urlPath) {
  const clean = path.normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^(\.\.[/\\])+/, "");
  let file = path.join(root, clean);
  if (!file.startsWith(root)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  return fs.existsSync(file) ? file : null;
}

http.createServer((req, res) => {
  const file = resolveFile(req.url);
  const status = file ? 200 : 404;
  const body = fs.readFileSync(file || path.join(root, "404.html"));
  const type = types[path.extname(file || ".html")] || "application/octet-stream";
  const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
  if (/\bgzip\b/.test(req.headers["accept-encoding"] || "") && /text|json|xml|svg|javascript/.test(type)) {
    headers["Content-Encoding"] = "gzip";
    res.writeHead(status, headers);
    res.end(zlib.gzipSync(body));
  } else {
    res.writeHead(status, headers);
    res.end(body);
  }
}).listen(port, "127.0.0.1");
