#!/usr/bin/env bash
# Runs one fuzz target for a while, its corpus seeded from the project's own files.
#   fuzz/run.sh TARGET [SECONDS]     (default 300 seconds)
# Targets: programme, roster, zoom_participants, zoom_registration, journal. Needs a nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). A crash or hang is written to
# fuzz/artifacts/TARGET/; `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/<file>` runs it
# again, and `cargo +nightly fuzz tmin TARGET <file>` makes it smaller.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?"which target? programme, roster, zoom_participants, zoom_registration or journal"}
seconds=${2:-300}

case $target in
  programme) seeds=(../sessions/*.json ../tests/fixtures/programme/*.json) ;;
  roster) seeds=(../assets/*.csv ../tests/fixtures/roster-broken.csv ../tests/fixtures/zoom/registration.csv) ;;
  zoom_participants) seeds=(../tests/fixtures/zoom/*.csv) ;;
  zoom_registration) seeds=(../tests/fixtures/zoom/*.csv ../assets/*.csv) ;;
  journal) seeds=(seeds/journal/* ../tests/fixtures/journal-v1/*.jsonl) ;;
  *) echo "no fuzz target named $target" >&2; exit 2 ;;
esac

mkdir -p "corpus/$target"
cp -n "${seeds[@]}" "corpus/$target/" 2>/dev/null || true
exec cargo +nightly fuzz run "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
