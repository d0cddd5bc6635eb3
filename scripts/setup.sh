#!/usr/bin/env bash
# Installs the system packages Lessonbook needs on a fresh Debian machine: the C libraries
# it links (Cairo, OpenBLAS, LAPACKE, zlib, cmark-gfm), the font its figures use, Fashion-MNIST,
# Pillow (python3-pil), which the tests use as an independent decoder of animated PNGs, and
# headless Chromium with its WebDriver for the browser tests of the HTML reports.
# Skips what is installed; works as root or through sudo. Swift itself must be installed.
set -euo pipefail

packages=(libcairo2-dev libopenblas-dev liblapacke-dev zlib1g-dev fonts-dejavu-core
          dataset-fashion-mnist pkg-config python3-pil libcmark-gfm-dev libcmark-gfm-extensions-dev
          chromium chromium-driver python3-selenium)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all system packages present"
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
