#!/usr/bin/env bash
# Installs the system packages Lessonbook needs on a fresh Debian machine: the C libraries
# it links (Cairo, OpenBLAS, LAPACKE, zlib, cmark-gfm), the font its figures use, Fashion-MNIST,
# Pillow (python3-pil), which the tests use as an independent decoder of animated PNGs, and
# headless Chromium with its WebDriver for the browser tests of the HTML reports, KaTeX
# with Node.js (TeX to MathML in HTML reports), and for the accessibility audit of the browser
# tests axe-core's script, read out of the PyPI wheel `axe-playwright-python` into
# .build/browser-tools/ (the wheel's Python is not needed, only its axe.min.js).
# Skips what is installed; works as root or through sudo. Swift itself must be installed.
set -euo pipefail

packages=(libcairo2-dev libopenblas-dev liblapacke-dev zlib1g-dev fonts-dejavu-core
          dataset-fashion-mnist pkg-config python3-pil libcmark-gfm-dev libcmark-gfm-extensions-dev
          chromium chromium-driver python3-selenium katex nodejs python3-pip poppler-utils)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# axe-core 4.12 for the browser tests' accessibility audit (pinned; Debian has none).
axe_version=0.1.8
axe_folder="$(cd "$(dirname "$0")/.." && pwd)/.build/browser-tools"
install_axe() {
  if [ -f "$axe_folder/axe-playwright-python-$axe_version/axe.min.js" ]; then return; fi
  local download
  download="$(mktemp -d)"
  /usr/bin/python3 -m pip download --quiet --no-deps --only-binary=:all: \
    "axe-playwright-python==$axe_version" -d "$download"
  mkdir -p "$axe_folder/axe-playwright-python-$axe_version"
  /usr/bin/python3 - "$download"/axe_playwright_python-*.whl "$axe_folder/axe-playwright-python-$axe_version" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    data = wheel.read("axe_playwright_python/axe.min.js")
with open(sys.argv[2] + "/axe.min.js", "wb") as out:
    out.write(data)
PY
  rm -rf "$download"
  echo "setup: axe-core from axe-playwright-python $axe_version in $axe_folder"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all system packages present"
  install_axe
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
install_axe
