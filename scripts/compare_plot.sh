#!/usr/bin/env bash
# Compiles the Plot sources of a base commit and of the working tree on their own (swiftc,
# no package build) with scripts/compare_plot_gallery.swift, which draws every gallery
# figure as PNG, SVG and PDF, in the dark slide theme, as one multi-page PDF, with its
# warnings, and the gallery's animations; then compares the files byte for byte.
#
#   scripts/compare_plot.sh [BASE_COMMIT]      (default: HEAD)
#
# Exits 1 when any file differs. Needs Cairo's and zlib's headers (scripts/setup.sh).
set -euo pipefail
base=${1:-HEAD}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/compare-plot.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base" "$work/tree/Sources"
git -C "$root" archive "$base" Sources/Plot | tar -x -C "$work/base"
cp -a "$root/Sources/Plot" "$work/tree/Sources/Plot"
for side in base tree; do
    swiftc -O -swift-version 5 -module-name Plot -I "$root/Sources/CCairo" -I "$root/Sources/CZlib" -Xcc -I/usr/include/cairo \
        $(find "$work/$side/Sources/Plot" -name '*.swift') "$root/scripts/compare_plot_gallery.swift" -o "$work/$side/gallery" -lcairo -lz
    "$work/$side/gallery" "$work/$side/out" > /dev/null
done
if diff -rq "$work/base/out" "$work/tree/out"; then
    echo "$(find "$work/base/out" -type f | wc -l) files identical ($base against the working tree)"
else
    exit 1
fi
