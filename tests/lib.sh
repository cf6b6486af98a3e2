# lib.sh - shared by the shell tests: a temporary folder and assertions.
# Each test sources it, runs commands and calls ok/fail; the exit status is
# what automake's test driver reads (0 pass, 1 fail, 77 skip).
set -u
: "${UNSPIN:=$top_builddir/unspin}"
T=$(mktemp -d "${TMPDIR:-/tmp}/unspin-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0
CHECKS=0

ok()   { CHECKS=$((CHECKS + 1)); echo "ok - $*"; }
fail() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL - $*"; }

# run CMD...: runs it, keeping stdout in $T/out, stderr in $T/err, status in $RC.
run() {
    "$@" >"$T/out" 2>"$T/err"
    RC=$?
}

expect_rc() {   # expect_rc N what
    if [ "$RC" = "$1" ]; then ok "$2 (exit $RC)"; else fail "$2: exit $RC, expected $1; stderr: $(head -c 400 "$T/err")"; fi
}
expect_out() {  # expect_out TEXT what  (exact stdout)
    if [ "$(cat "$T/out")" = "$1" ]; then ok "$2"; else fail "$2: stdout was [$(head -c 400 "$T/out")], expected [$1]"; fi
}
expect_err() {  # expect_err GREP-PATTERN what
    if grep -q -- "$1" "$T/err"; then ok "$2"; else fail "$2: stderr lacks /$1/: $(head -c 400 "$T/err")"; fi
}
expect_has() {  # expect_has TEXT what  (TEXT somewhere in stdout)
    if grep -qF -- "$1" "$T/out"; then ok "$2"; else fail "$2: stdout lacks [$1]: $(head -c 1000 "$T/out")"; fi
}
expect_line() { # expect_line FILE REGEX what  (some line of FILE matches)
    if grep -qE -- "$2" "$1"; then ok "$3"; else fail "$3: no line /$2/ in $1: $(grep -v '^#' "$1" | head -c 400 | tr '\n' ';')"; fi
}
expect_no_line() { # expect_no_line FILE REGEX what  (no line of FILE matches)
    if grep -qE -- "$2" "$1"; then fail "$3: $1 has $(grep -E -- "$2" "$1" | head -3 | tr '\n' ';')"; else ok "$3"; fi
}
expect_same() { # expect_same FILE1 FILE2 what
    if cmp -s "$1" "$2"; then ok "$3"; else fail "$3: $1 and $2 differ"; fi
}
finish() {
    echo "$((CHECKS - FAILS)) of $CHECKS checks passed"
    [ "$FAILS" = 0 ]
    exit $?
}
static_build() { grep -q '^#define UNSPIN_STATIC_PLUGINS' "$top_builddir/config.h"; }
