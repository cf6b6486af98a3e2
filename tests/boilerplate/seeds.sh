#!/bin/sh
# seeds.sh - the five seed articles: their listed boilerplate lines go and
# every other line stays (../shared/eval/boilerplate/check-seeds).
. "$top_srcdir/tests/lib.sh"
CHECK="${SHARED:-}/eval/boilerplate/check-seeds"
if [ ! -x "$CHECK" ]; then
    echo "skip: $CHECK not found (the shared data is not beside the project)"
    exit 77
fi
run "$CHECK" -v -- "$UNSPIN" -f boilerplate
cat "$T/out"
expect_rc 0 "check-seeds"
grep -q "5 passed, 0 failed" "$T/out" && ok "all five seeds exactly right" || fail "seeds: $(cat "$T/out")"
finish
