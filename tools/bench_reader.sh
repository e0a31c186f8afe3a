#!/usr/bin/env bash
# Reader launch benchmark: how long until the first frame, until the story read last is on
# screen and until the whole corpus has come, on a generated corpus of FILES varied articles
# (default 10,000), in tmux at 160x48.
#   tools/bench_reader.sh [FILES] [RUNS]
# Launch 1 has an empty store (everything parsed and grouped); it is closed on an opened
# story, so launches 2..RUNS show the saved story first. Needs tmux and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-10000}"
runs="${2:-5}"
work="${BENCH_DIR:-/tmp/parallax-bench}"
bin="${BENCH_BIN:-$PWD/target/release/parallax}"
[ -x "$bin" ] || cargo build --release
mkdir -p "$work"
corpus="$work/varied-$files"
[ -d "$corpus" ] || python3 tools/gen_corpus.py varied "$files" "$corpus" >/dev/null
data="$work/reader-store-$files"
rm -rf "$data"

now() { date +%s.%N; }
screen() { tmux capture-pane -p -t parallax-bench 2>/dev/null || true; }

for run in $(seq "$runs"); do
  tmux kill-session -t parallax-bench 2>/dev/null || true
  start=$(now)
  tmux new-session -d -s parallax-bench -x 160 -y 48 \
    "PARALLAX_DATA_DIR='$data' XDG_STATE_HOME='$data/state' '$bin' '$corpus' 2>/dev/null"
  first="" shown=""
  while [ -z "$shown" ]; do
    s=$(screen)
    t=$(now)
    [ -z "$first" ] && [ -n "$(tr -d ' \n' <<<"$s")" ] && first=$(echo "$t - $start" | bc)
    # A story is on screen once a pane shows its "n/m" article counter.
    grep -qE '[0-9]+/[0-9]+ [┓┐]' <<<"$s" && shown=$(echo "$t - $start" | bc)
    sleep 0.01
  done
  # Let the whole corpus come (no loading words left on screen), then quit (which saves the
  # story in front).
  while screen | grep -qE 'Loading:|looking for files|reading [0-9,]+ of|grouping stories'; do
    sleep 0.02
  done
  whole=$(echo "$(now) - $start" | bc)
  tmux send-keys -t parallax-bench q
  sleep 0.5
  tmux kill-session -t parallax-bench 2>/dev/null || true
  printf "launch %d: first frame %.3f s, story on screen %.3f s, whole corpus %.3f s\n" \
    "$run" "$first" "$shown" "$whole"
done
