"""`make lighthouse`: Lighthouse (mobile) on a module page, served the way GitHub Pages serves it
(under /cart-course/, gzip-compressed). Needs node/npm and Debian's chromium; prints the scores."""
from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".cache" / "npm-tools"
PREFIX = "/cart-course/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        if not self.path.startswith(PREFIX):
            self.send_error(404)
            return None
        path = Path(self.translate_path("/" + self.path[len(PREFIX):].split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def main(page: str = "modules/approved-products/") -> int:
    site = ROOT / "site"
    if not (site / "index.html").exists():
        print("run `make site` first", file=sys.stderr)
        return 1
    if not (TOOLS / "node_modules" / ".bin" / "lighthouse").exists():
        install = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS), "lighthouse@12"]
        subprocess.run(install, check=True)
    handler = lambda *a, **k: _Handler(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}{PREFIX}{page}"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        subprocess.run([str(TOOLS / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
                        f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox",
                        "--only-categories=performance,accessibility,best-practices,seo"], check=True, env=env)
        data = json.loads(report.read_text())
    server.shutdown()
    print(f"Lighthouse (mobile) on {PREFIX}{page}")
    for key, category in data["categories"].items():
        print(f"  {key:16s}{round(category['score'] * 100):4d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
