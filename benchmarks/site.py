"""A generated unfccc.int of N documents on disk, served by nginx (Debian, default validators on
files; pages never answer 304, as dynamic pages often do not)."""

from __future__ import annotations

import os
import random
import subprocess
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.fastpdf import make_pdf
from sample_site.common import RESOURCE
from sample_site.unfccc_documents import BASE_DOCS, SampleDoc, document_page, listing_pages

WORDS = ("Parties shall apply corresponding adjustments for the first transfer of internationally transferred "
         "mitigation outcomes consistent with their authorization and report them in the initial report and "
         "the annual information under the guidance on cooperative approaches the share of proceeds for "
         "adaptation and overall mitigation in global emissions removals and reversals baseline contraction").split()


def doc_text(i: int, pages: int = 5, lines: int = 40) -> list[list[str]]:
    rng = random.Random(i)
    return [[f"{p * lines + n + 1}. " + " ".join(rng.choice(WORDS) for _ in range(12)) + f" (document {i})"
             for n in range(lines)] for p in range(pages)]


def documents(n: int) -> list[SampleDoc]:
    template = BASE_DOCS[0]
    return [replace(template, node=700000 + i, symbol=f"FCCC/SBSTA/2026/{i + 100}",
                    title=f"Guidance on cooperative approaches. Technical paper {i + 1}",
                    published=date(2026, 1, 1) + timedelta(days=i % 150), files={"en": f"bench_{i}E.pdf"},
                    langs_text={}) for i in range(n)]


def disk_path(root: Path, url: str) -> Path:
    parts = urlsplit(url)
    name = f"{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return root / name


def generate(root: Path, n: int) -> tuple[Path, list[str]]:
    """Write the site; return (root, every URL in it)."""
    docs = documents(n)
    urls = []
    root.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for i, doc in enumerate(docs):
        url = RESOURCE + doc.files["en"]
        path = disk_path(root, url)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(make_pdf(doc_text(i)))
        sizes[url] = path.stat().st_size
        urls.append(url)
    for url, html in listing_pages(tuple(docs), sizes).items():
        path = disk_path(root, url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html)
        urls.append(url)
    for doc in docs:
        path = disk_path(root, doc.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_page(doc, sizes))
        urls.append(doc.url)
    (root / "unfccc.int" / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n")
    return root, urls


NGINX = """worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
  log_format bytes '$body_bytes_sent $bytes_sent';
  access_log {dir}/access.log bytes;
  default_type text/html;
  types {{ application/pdf pdf; text/plain txt; }}
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location /unfccc.int/sites/ {{ try_files $uri =404; }}
    location / {{ etag off; if_modified_since off; try_files "$uri$is_args$args" $uri =404; }}
  }}
}}
"""


class Nginx:
    def __init__(self, root: Path, work: Path, port: int) -> None:
        work.mkdir(parents=True, exist_ok=True)
        self.conf = work / "nginx.conf"
        self.conf.write_text(NGINX.format(dir=work, root=root, port=port))
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.work = work

    def __enter__(self) -> Nginx:
        (self.work / "access.log").unlink(missing_ok=True)
        self.proc = subprocess.Popen(["nginx", "-p", str(self.work), "-c", str(self.conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        return self

    def bytes_served(self) -> tuple[int, int]:
        """(body bytes, wire bytes) nginx has sent so far, from its access log."""
        log = self.work / "access.log"
        if not log.exists():
            return 0, 0
        body = wire = 0
        for line in log.read_text().splitlines():
            b, w = line.split()
            body, wire = body + int(b), wire + int(w)
        return body, wire

    def __exit__(self, *exc: object) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait()


def edit_in_place(root: Path, urls: list[str], count: int) -> list[str]:
    """Change the text of ``count`` PDFs without changing their size or modification time."""
    edited = []
    for url in [u for u in urls if u.endswith(".pdf")][:count]:
        path = disk_path(root, url)
        st = path.stat()
        data = bytearray(path.read_bytes())
        at = data.find(b"(document ")
        data[at + 1:at + 9] = b"DOCUMENT"
        path.write_bytes(bytes(data))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        edited.append(url)
    return edited


def publish(root: Path, n: int, new: int, revised: int) -> list[str]:
    """Publish, on top of the generated archive of ``n`` documents, ``new`` new documents and
    ``revised`` revisions (Rev.1 of archived documents, spread over the archive), dated after all of it:
    their files and pages written, every listing page rewritten. Returns their symbols."""
    docs = documents(n)
    late = date(2026, 7, 1)
    extra = [replace(docs[0], node=990000 + i, symbol=f"FCCC/SBSTA/2026/INF.{i + 1}",
                     title=f"Information note {i + 1}", published=late + timedelta(days=i % 7),
                     files={"en": f"new_{i}E.pdf"}) for i in range(new)]
    extra += [replace(docs[j], node=995000 + k, symbol=f"{docs[j].symbol}/Rev.1", title=f"{docs[j].title}. Revision",
                      published=late + timedelta(days=k % 7), files={"en": f"rev_{k}E.pdf"})
              for k, j in enumerate(range(n // (revised + 1), n, max(n // (revised + 1), 1))[:revised])]
    sizes = {}
    for i, doc in enumerate(docs + extra):
        url = RESOURCE + doc.files["en"]
        path = disk_path(root, url)
        if not path.exists():
            path.write_bytes(make_pdf(doc_text(n + i)))
        sizes[url] = path.stat().st_size
    for url, html in listing_pages(tuple(docs + extra), sizes).items():
        path = disk_path(root, url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html)
    for doc in extra:
        disk_path(root, doc.url).write_text(document_page(doc, sizes))
    return [d.symbol for d in extra]
