# testlib.sh - assertions for the shell tests of tests/reliability and
# tests/plugins.  Source it; it needs $UNSPIN and $top_builddir (set by
# `make check`) and gives:
#   run EXPECTED_STATUS COMMAND...   runs COMMAND with stdout in $OUT and
#                                    stderr in $ERR, checks the exit status
#   check DESCRIPTION COMMAND...     passes when COMMAND succeeds
#   has_err / lacks_err / has_out / same_out
#   finish                           exit status of the whole test
# Every assertion prints "ok" or "not ok" with what it compared, so a
# failing test's .log says why.

: "${UNSPIN:?run from make check (UNSPIN is not set)}"
: "${top_builddir:?run from make check (top_builddir is not set)}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/unspin-test.XXXXXX") || exit 99
OUT=$WORK/stdout
ERR=$WORK/stderr
trap 'rm -rf "$WORK"' EXIT
trap 'exit 99' HUP INT TERM
t_passed=0
t_failed=0

ok() { t_passed=$((t_passed + 1)); echo "ok - $*"; }
bad() {
    t_failed=$((t_failed + 1))
    echo "not ok - $*"
    if [ -s "$ERR" ]; then echo "  stderr was:"; head -c 2000 "$ERR" | sed 's/^/    /'; fi
}

# what CMD...: the command for the log, cut short.
what() { echo "$*" | cut -c 1-240; }

# run STATUS CMD...: CMD's status must be STATUS.
run() {
    want=$1
    shift
    "$@" >"$OUT" 2>"$ERR"
    got=$?
    if [ "$got" = "$want" ]; then ok "exit $got: $(what "$@")"; else bad "exit $got, expected $want: $(what "$@")"; fi
}

# run_in STATUS INPUT CMD...: the same with stdin from the file INPUT.
run_in() {
    want=$1
    input=$2
    shift 2
    "$@" <"$input" >"$OUT" 2>"$ERR"
    got=$?
    if [ "$got" = "$want" ]; then ok "exit $got: $(what "$@") < $(basename "$input")"; else bad "exit $got, expected $want: $(what "$@") < $(basename "$input")"; fi
}

check() {
    what=$1
    shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}

has_err() { if grep -q -e "$1" "$ERR"; then ok "stderr has: $1"; else bad "stderr lacks: $1"; fi; }
lacks_err() { if grep -q -e "$1" "$ERR"; then bad "stderr should not have: $1"; else ok "stderr lacks: $1"; fi; }
no_err() { if [ -s "$ERR" ]; then bad "stderr should be empty"; else ok "stderr is empty"; fi; }
has_out() { if grep -q -e "$1" "$OUT"; then ok "stdout has: $1"; else bad "stdout lacks: $1"; fi; }
no_out() { if [ -s "$OUT" ]; then bad "stdout should be empty"; else ok "stdout is empty"; fi; }
# same_out FILE: stdout is byte for byte FILE.
same_out() { if cmp -s "$OUT" "$1"; then ok "stdout is exactly $(basename "$1")"; else bad "stdout differs from $(basename "$1")"; fi; }
# count_lines FILE: records in a JSON Lines file, a last line without a
# newline included.  (wc, not awk: mawk takes a minute on a 100 MB line.)
count_lines() {
    n=$(wc -l <"$1")
    if [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' \n')" != 0a ]; then n=$((n + 1)); fi
    echo $((n))
}
# count_err PATTERN: stderr lines matching PATTERN.
count_err() { grep -c -e "$1" "$ERR"; }

# Filters loaded with dlopen: a static build (--disable-shared) has only the
# preloaded ones.
static_build() { grep -q '^#define UNSPIN_STATIC_PLUGINS' "$top_builddir/config.h"; }

finish() {
    echo "# $t_passed passed, $t_failed failed"
    [ "$t_failed" -eq 0 ]
    exit $?
}
