#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz (so the release build is left alone) and
# runs each for FUZZ_SECONDS seconds (default 30), at low priority, one after another.
# Usage: scripts/fuzz.sh [TARGET...]   (default: all six)
# Exits non-zero if any target finds a crash, a hang (an input taking over FUZZ_TIMEOUT seconds, default 20: wall-clock time, so it is generous on a loaded machine), a leak or
# an input using over 2 GB; the input is kept in .build-fuzz/findings/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${FUZZ_SECONDS:-30}"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(FuzzLessonParser FuzzClaim FuzzInlineReference FuzzOverride FuzzRunFolder FuzzHTMLSanitizer)
fi
SCRATCH=.build-fuzz
SANITIZE="${FUZZ_SANITIZE:-fuzzer,address}"

for target in "${TARGETS[@]}"; do
    LESSONBOOK_FUZZ=1 nice -n 19 swift build -c release --scratch-path "$SCRATCH" --product "$target" \
        -Xswiftc -sanitize="$SANITIZE" -Xswiftc -parse-as-library -Xswiftc -enable-testing >&2
done
BIN="$(LESSONBOOK_FUZZ=1 swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"

status=0
for target in "${TARGETS[@]}"; do
    corpus="$SCRATCH/corpus/$target"          # grows as the fuzzer learns; not committed
    findings="$SCRATCH/findings/$target"
    mkdir -p "$corpus" "$findings" "$SCRATCH/tmp"
    echo "== $target for ${SECONDS_EACH}s" >&2
    if ! TMPDIR="$PWD/$SCRATCH/tmp" nice -n 19 "$BIN/$target" "$corpus" "Fuzz/Corpus/$target" \
        -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-20}" -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/" -print_final_stats=1 2> "$SCRATCH/$target.log"; then
        echo "$target: FINDING, see $SCRATCH/$target.log and $findings/" >&2
        tail -n 40 "$SCRATCH/$target.log" >&2
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$SCRATCH/$target.log" | sed "s/^/$target /" >&2 || true
done
exit $status
