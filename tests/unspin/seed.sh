#!/bin/sh
# seed.sh - the real spun seed article 000: repaired >= 0.90 with at most 3
# right words damaged (../shared/eval/score-unspin against the gold text).
. "$top_srcdir/tests/lib.sh"
SCORE="${SHARED:-}/eval/score-unspin"
GOLD="${SHARED:-}/eval/unspin/000.gold.txt"
if [ ! -x "$SCORE" ] || [ ! -f "$GOLD" ]; then
    echo "skip: $SCORE or $GOLD not found (the shared data is not beside the project)"
    exit 77
fi
SEED=$(ls "$SHARED"/seeds/000_*.txt)
run "$UNSPIN" -f unspin "$SEED"
expect_rc 0 "seed 000 runs"
timeout 300 "$SCORE" --json "$SEED" "$GOLD" "$T/out" > "$T/score.json"
cat "$T/score.json"
python3 - "$T/score.json" <<'PY' && ok "seed 000: repaired >= 0.90, damaged <= 3" || fail "seed 000 below target: $(cat "$T/score.json")"
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["repaired"] >= 0.90 and r["damaged"] <= 3 else 1)
PY
# the clean seeds 001-004 come out untouched
for f in "$SHARED"/seeds/00[1-4]_*.txt; do
    run "$UNSPIN" -f unspin "$f"
    expect_same "$f" "$T/out" "clean seed $(basename "$f") untouched"
done
finish
