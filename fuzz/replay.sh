#!/bin/sh
# Replays every input the fuzzers found (fuzz/regressions/HARNESS/) and the
# bad-input corpus through the harnesses built by the normal compiler: the
# regression test of the fuzzing, run by `make check`.
. "$top_srcdir/tests/reliability/testlib.sh"
R=$top_srcdir/fuzz/regressions
sh "$top_srcdir/tests/reliability/make-inputs.sh" "$WORK/in" || exit 99
# One record per file for the scanner.
i=0
cat "$WORK"/in/good/*.jsonl "$WORK"/in/bad/*.jsonl | while IFS= read -r line || [ -n "$line" ]; do
    i=$((i + 1))
    printf '%s' "$line" >"$WORK/in/record-$i"
done
files() { for f in "$@"; do [ -f "$f" ] && echo "$f"; done; }

run 0 "$top_builddir/fuzz/replay-jsonl" $(files "$R"/jsonl/* "$WORK"/in/record-*)
run 0 "$top_builddir/fuzz/replay-settings" $(files "$R"/settings/* "$top_srcdir"/fuzz/seeds/settings/* "$WORK"/in/good/*)
if static_build; then
    echo "# static build: filters are not loaded by replay-filter; skipped"
else
    chain=$($UNSPIN --help | sed -n 's/^ *(default: \(.*\))$/\1/p')
    [ "$chain" = "(no filter built)" ] && chain=
    for f in example $(echo "$chain" | tr , ' '); do
        run 0 env UNSPIN_FUZZ_FILTER=$f "$top_builddir/fuzz/replay-filter" \
            $(files "$R"/filter/* "$R"/filter-$f/* "$WORK"/in/plain/*)
    done
fi
finish
