#!/usr/bin/env bash
# W5 side by side: Lessonbook's `bench --only W5` and its PyTorch peer (peers/cnn_torch.py),
# alternated ROUNDS times so both sides see the same moments of a shared machine. Prints,
# per round, the 1-minute load average before it, each side's median seconds over REPEATS
# epochs, and the ratio torch/Lessonbook (above 1: Lessonbook is faster); then the median
# ratio. Both sides run on the same number of threads: OPENBLAS_NUM_THREADS, else every core.
#
#   bash bench/w5.sh                        # after a release build, from the project root
#   ROUNDS=5 REPEATS=3 bash bench/w5.sh
#   OPENBLAS_NUM_THREADS=1 bash bench/w5.sh # both sides on one thread
#
# The peer needs PyTorch and numpy (pip install torch numpy); the shared peers' helpers
# (../shared/bench/peers/common.py) are used when present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${REPEATS:-3}"
rounds="${ROUNDS:-3}"
lessonbook="${LESSONBOOK:-$root/.build/release/lessonbook}"
helpers="${PEER_HELPERS:-$root/../shared/bench/peers}"
threads="${OPENBLAS_NUM_THREADS:-$(nproc)}"
export OPENBLAS_NUM_THREADS="$threads"
ratios=()
printf '%-5s %5s %8s %12s %9s %7s  %s\n' round load threads "lessonbook s" "torch s" ratio "checks (lessonbook / torch)"
for round in $(seq "$rounds"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  ours="$("$lessonbook" bench --only W5 --repeats "$repeats" --json | grep '"W5"')"
  peer="$(cd "$root/bench/peers" && PYTHONPATH="$helpers" python3 cnn_torch.py "$repeats" | grep '"W5"')"
  row="$(python3 -c '
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ratio = peer["seconds"] / ours["seconds"]
print("%.3f %.4f %.4f %.4f %.4f" % (ratio, ours["seconds"], peer["seconds"], ours["check"], peer["check"]))
' "$ours" "$peer")"
  read -r ratio ours_s peer_s ours_check peer_check <<<"$row"
  ratios+=("$ratio")
  printf '%-5s %5s %8s %12s %9s %7s  %s / %s\n' "$round" "$load" "$threads" "$ours_s" "$peer_s" "$ratio" "$ours_check" "$peer_check"
done
python3 -c 'import statistics, sys; print(f"median ratio torch/lessonbook: {statistics.median(map(float, sys.argv[1:])):.3f}")' "${ratios[@]}"
