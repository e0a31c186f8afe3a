#!/usr/bin/env bash
# Launch benchmark: wall time and peak memory of `parallax list` on generated corpora, with an
# empty store (first launch) and a filled one (second launch), under `nice`, release build.
#   tools/bench_launch.sh [FILES]      (default 10000; crowded days of 100 and 1000 always)
# Prints one line per run: corpus, launch, seconds, peak MB.
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-10000}"
work="${BENCH_DIR:-/tmp/parallax-bench}"
bin=./target/release/parallax
[ -x "$bin" ] || cargo build --release
mkdir -p "$work"

corpus() { # kind count -> folder
  local folder="$work/$1-$2"
  [ -d "$folder" ] || python3 tools/gen_corpus.py "$1" "$2" "$folder" >/dev/null
  echo "$folder"
}

run() { # label data-dir folder
  local out
  out=$( { PARALLAX_DATA_DIR="$2" XDG_STATE_HOME="$2/state" nice -n 19 \
      /usr/bin/time -f "%e %M" "$bin" list "$3" >/dev/null; } 2>&1 | tail -1)
  read -r secs kb <<<"$out"
  printf "%-28s %8s s %8.0f MB\n" "$1" "$secs" "$((kb / 1024))"
}

launches() { # name folder
  local data="$work/store-$1"
  rm -rf "$data"
  run "$1 first launch" "$data" "$2"
  run "$1 second launch" "$data" "$2"
}

launches "varied-$files" "$(corpus varied "$files")"
launches "crowded-100" "$(corpus crowded 100)"
launches "crowded-1000" "$(corpus crowded 1000)"
