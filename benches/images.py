#!/usr/bin/env python3
"""Image benchmark (issue 21): a corpus of 200 images (140 JPEG photos, 60 PNG diagrams) in 20
articles, built by attune and by Hugo resizing the same images to the same widths, cold (no
cache) and warm (cache kept). Prints times and the bytes of images before and after.

    python3 benches/images.py --attune target/release/attune [--work /tmp/attune-images]

Needs ImageMagick's `convert` to draw the images and `hugo` (Debian: apt-get install hugo).
Hugo has no lossless WebP: its PNG copies use `webp drawing`, the nearest setting.
"""

import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path

WIDTHS = [480, 960, 1440]
# Debian's ImageMagick, ahead of any other `convert` on the PATH.
CONVERT = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"
PHOTOS, DIAGRAMS, ARTICLES = 140, 60, 20


def draw(images: Path) -> list[str]:
    images.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(PHOTOS):
        name = f"photo-{i:03}.jpg"
        if not (images / name).exists():
            subprocess.run([CONVERT, "-size", "1920x1280", "-seed", str(i), "plasma:",
                            "-quality", "90", str(images / name)], check=True)
        names.append(name)
    for i in range(DIAGRAMS):
        name = f"diagram-{i:03}.png"
        if not (images / name).exists():
            subprocess.run([CONVERT, "-size", "1200x800", "xc:white", "-fill", "#1d4f7a",
                            "-draw", f"circle {300 + i} 400 {500 + i} 400", "-fill", "#7a4a12",
                            "-draw", f"rectangle 700 {100 + i} 1100 600", str(images / name)],
                           check=True)
        names.append(name)
    return names


def attune_site(root: Path, images: Path, names: list[str]) -> None:
    content = root / "content"
    shutil.rmtree(root, ignore_errors=True)
    (content / "articles" / "gallery").mkdir(parents=True)
    shutil.copytree(images, content / "static" / "images")
    (content / "site.yaml").write_text("title: Images\nbase_url: https://example.org/\n")
    for a in range(ARTICLES):
        body = "".join(f"\n![Picture {n}](/images/{n})\n" for n in names[a::ARTICLES])
        (content / "articles" / "gallery" / f"a{a}.md").write_text(
            f"---\ntitle: Gallery {a}\nsummary: Images.\naudience: [clients]\n---\n{body}")


HUGO_SINGLE = """<!doctype html><html><body>{{ range .Params.images }}
{{ $img := resources.Get (printf "images/%s" .) }}{{ $png := strings.HasSuffix . ".png" }}
{{ $set := slice }}{{ range $w := (slice 480 960 1440) }}{{ if lt $w $img.Width }}
{{ $r := cond $png ($img.Resize (printf "%dx webp drawing" $w)) ($img.Resize (printf "%dx q82" $w)) }}
{{ $set = $set | append (printf "%s %dw" $r.RelPermalink $w) }}{{ end }}{{ end }}
<img src="{{ $img.RelPermalink }}" width="{{ $img.Width }}" height="{{ $img.Height }}" srcset="{{ delimit $set ", " }}" loading="lazy">
{{ end }}</body></html>
"""


def hugo_site(root: Path, images: Path, names: list[str]) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "gallery").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    shutil.copytree(images, root / "assets" / "images")
    (root / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Images"\n'
                                       'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (root / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (root / "layouts" / "_default" / "list.html").write_text("<html></html>")
    for a in range(ARTICLES):
        listed = ", ".join(f'"{n}"' for n in names[a::ARTICLES])
        (root / "content" / "gallery" / f"a{a}.md").write_text(
            f"---\ntitle: Gallery {a}\nimages: [{listed}]\n---\n")


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def image_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attune", required=True, help="the attune binary")
    parser.add_argument("--work", default="/tmp/attune-images", help="scratch folder")
    args = parser.parse_args()
    work = Path(args.work)
    attune = str(Path(args.attune).resolve())
    names = draw(work / "images")
    print(f"{len(names)} images, {image_bytes(work / 'images') / 1e6:.1f} MB of sources")
    a, h = work / "attune", work / "hugo"
    attune_site(a, work / "images", names)
    hugo_site(h, work / "images", names)
    build = [attune, "build", "--out", "public"]
    cold = timed(build, a)
    warm = timed(build, a)
    shutil.rmtree(a / ".attune-cache")
    cold2 = timed(build, a)
    print(f"attune: cold {cold:.2f} s (again {cold2:.2f} s), warm {warm:.2f} s, "
          f"images written {image_bytes(a / 'public') / 1e6:.1f} MB")
    if shutil.which("hugo"):
        hugo = ["hugo", "--quiet", "--destination", "public"]
        cold = timed(hugo, h)
        warm = timed(hugo, h)
        print(f"hugo:   cold {cold:.2f} s, warm {warm:.2f} s, "
              f"images written {image_bytes(h / 'public') / 1e6:.1f} MB")
    else:
        print("hugo: not installed")


if __name__ == "__main__":
    main()
