#!/usr/bin/env bash
# Draws the same figures with two builds of lessonbook and compares them byte for byte:
# every gallery figure as PNG, SVG and PDF plus the gallery's animations and index, and,
# for each lesson named, its quick render's figures (PNG, SVG, PDF) and slides.pdf.
#
#   scripts/compare_figures.sh BEFORE_BINARY AFTER_BINARY [LESSON ...]
#   scripts/compare_figures.sh /work/main/.build/release/lessonbook .build/release/lessonbook lessons/02-spiral-untangling.md
#
# Prints one line per differing file and a count; exits 1 when any file differs or is
# missing on one side. The scratch folder is removed unless KEEP=1.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 BEFORE_BINARY AFTER_BINARY [LESSON ...]" >&2
    exit 2
fi
before=$1; after=$2; shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/compare-figures.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

# A build from before `gallery --formats` draws the gallery as PNG and SVG only: then
# both sides do, and PDF is compared through the lessons.
formats=png,svg,pdf
for binary in "$before" "$after"; do
    if ! "$binary" gallery --help | grep -q -- --formats; then
        formats=png,svg
        echo "note: $binary has no gallery --formats; the gallery is compared as PNG and SVG"
    fi
done

for side in before after; do
    binary=${!side}
    if [ "$formats" = png,svg ]; then
        "$binary" gallery --out "$work/$side/gallery" > /dev/null
    else
        "$binary" gallery --out "$work/$side/gallery" --formats "$formats" > /dev/null
    fi
    for lesson in "$@"; do
        "$binary" render "$lesson" --quick --quiet --format png,svg,pdf --report md,slides \
            --out "$work/$side/lessons" --cache "$work/$side/cache" > /dev/null || [ $? -eq 3 ]
    done
    # Only what the plotter draws: figures and slide decks (reports carry timings).
    if [ -d "$work/$side/lessons" ]; then
        (cd "$work/$side/lessons" && find . -type f \( -path '*/figures/*' -o -name slides.pdf \)) | while read -r file; do
            mkdir -p "$work/$side/drawn/$(dirname "$file")"
            cp "$work/$side/lessons/$file" "$work/$side/drawn/$file"
        done
    fi
    rm -rf "$work/$side/lessons" "$work/$side/cache"
done

(cd "$work/before" && find . -type f | sort) > "$work/before.list"
(cd "$work/after" && find . -type f | sort) > "$work/after.list"
differ=0
if ! diff -q "$work/before.list" "$work/after.list" > /dev/null; then
    diff "$work/before.list" "$work/after.list" | sed -n 's/^[<>] /only on one side: /p'
    differ=1
fi
same=0; changed=0
while read -r file; do
    [ -f "$work/after/$file" ] || continue
    if cmp -s "$work/before/$file" "$work/after/$file"; then same=$((same + 1)); else echo "differs: $file"; changed=$((changed + 1)); fi
done < "$work/before.list"
echo "$same files identical, $changed differ ($(wc -l < "$work/before.list") before, $(wc -l < "$work/after.list") after)"
[ "$changed" -eq 0 ] && [ "$differ" -eq 0 ]
