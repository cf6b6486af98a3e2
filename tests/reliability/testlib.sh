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
n_ok=0
n_bad=0

ok() { n_ok=$((n_ok + 1)); echo "ok - $*"; }
bad() {
    n_bad=$((n_bad + 1))
    echo "not ok - $*"
    if [ -s "$ERR" ]; then echo "  stderr was:"; head -c 2000 "$ERR" | sed 's/^/    /'; fi
}

# run STATUS CMD...: CMD's status must be STATUS.
run() {
    want=$1
    shift
    "$@" >"$OUT" 2>"$ERR"
    got=$?
    if [ "$got" = "$want" ]; then ok "exit $got: $*"; else bad "exit $got, expected $want: $*"; fi
}

# run_in STATUS INPUT CMD...: the same with stdin from the file INPUT.
run_in() {
    want=$1
    input=$2
    shift 2
    "$@" <"$input" >"$OUT" 2>"$ERR"
    got=$?
    if [ "$got" = "$want" ]; then ok "exit $got: $* < $(basename "$input")"; else bad "exit $got, expected $want: $* < $(basename "$input")"; fi
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
# newline included.
count_lines() { awk 'END { print NR }' "$1"; }
# count_err PATTERN: stderr lines matching PATTERN.
count_err() { grep -c -e "$1" "$ERR"; }

# Filters loaded with dlopen: a static build (--disable-shared) has only the
# preloaded ones.
static_build() { grep -q '^#define UNSPIN_STATIC_PLUGINS' "$top_builddir/config.h"; }

finish() {
    echo "# $n_ok passed, $n_bad failed"
    [ "$n_bad" -eq 0 ]
    exit $?
}
