"""A local map tile server for tests: any /{z}/{x}/{y}.png answers a plain 256×256 PNG; requests are kept."""

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageDraw

TILE = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def _tile_png(z, x, y):
    image = Image.new("RGB", (256, 256), (232, 238, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 255, 255], outline=(200, 205, 195))
    draw.line([(0, 128), (255, 128)], fill=(255, 255, 255), width=6)
    draw.text((8, 8), f"{z}/{x}/{y}", fill=(120, 120, 120))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


class TileServer:
    def __init__(self):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                match = TILE.match(self.path)
                server.requests.append(self.path)
                body = _tile_png(*match.groups()) if match else b""
                self.send_response(200 if match else 404)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url_template(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
