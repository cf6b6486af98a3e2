#!/bin/sh
# Input and output failures (issue 7): an unreadable input among readable
# ones, a full disk, a directory where the temporary file cannot be made,
# and a reader that goes away (SIGPIPE).  Exit status 2 and a clear message
# for real failures; the original of --in-place and -o never lost, no
# temporary file left behind; a closed pipe ends the run quietly.
. "$top_srcdir/tests/reliability/testlib.sh"
EX="-f example"
A2B='--set example.replace=[{"from":"a","to":"A"}]'
D=$WORK/files
mkdir -p "$D/subdir"
printf 'first a\n' >"$D/a.txt"
printf 'second a\n' >"$D/b.txt"
printf '{"text":"one a"}\n' >"$D/a.jsonl"
printf '{"text":"two a"}\n' >"$D/b.jsonl"
no_temp_left() { check "no temporary file left in $(basename "$1")" test -z "$(find "$1" -name '*.unspin-*')"; }

# --- an unreadable input among readable ones -----------------------------------
# (a missing file, and a directory: unreadable even for root)
run 2 $UNSPIN $EX $A2B "$D/a.txt" "$D/missing.txt" "$D/subdir" "$D/b.txt"
printf 'first A\nsecond A\n' >"$WORK/want.txt"
same_out "$WORK/want.txt"
has_err "^unspin: $D/missing.txt: No such file or directory$"
has_err "^unspin: $D/subdir: read error: Is a directory$"
run 2 $UNSPIN $EX $A2B --jsonl "$D/a.jsonl" "$D/missing.txt" "$D/subdir" "$D/b.jsonl"
printf '{"text":"one A"}\n{"text":"two A"}\n' >"$WORK/want.jsonl"
same_out "$WORK/want.jsonl"
has_err "missing.txt: No such file or directory"
if [ "$(id -u)" != 0 ]; then
    printf 'secret a\n' >"$D/noread.txt"
    chmod 000 "$D/noread.txt"
    run 2 $UNSPIN $EX $A2B "$D/a.txt" "$D/noread.txt" "$D/b.txt"
    same_out "$WORK/want.txt"
    has_err "noread.txt: Permission denied"
    rm -f "$D/noread.txt"
fi
# --in-place goes on with the other files too.
cp "$D/a.txt" "$D/ip.txt"
run 2 $UNSPIN $EX $A2B -i "$D/missing.txt" "$D/ip.txt"
check "in place: the readable file cleaned" grep -qx 'first A' "$D/ip.txt"

# --- a full disk ---------------------------------------------------------------
for mode in "" "--jsonl"; do
    f=$D/a.txt
    [ -n "$mode" ] && f=$D/a.jsonl
    run 2 $UNSPIN $EX $A2B $mode -o /dev/full "$f"
    has_err '^unspin: /dev/full: write error: No space left on device$'
    run_in 2 "$f" sh -c 'exec "$@" >/dev/full' sh $UNSPIN $EX $A2B $mode
    has_err '^unspin: standard output: write error: No space left on device$'
done
# More than a buffer's worth: the write fails before the end.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{\"text\":\"record a %d\"}\n", i }' >"$D/big.jsonl"
run 2 $UNSPIN $EX $A2B --jsonl -o /dev/full "$D/big.jsonl"
has_err 'write error: No space left on device'
check "one message, not one per record" test "$(count_err .)" -le 2

# A file that cannot grow (ulimit -f; works without privileges): -o and
# --in-place keep the original and leave no temporary file.
head -c 200000 "$D/big.jsonl" >"$D/grow.jsonl"
cp "$D/grow.jsonl" "$D/grow.orig"
cp "$D/grow.jsonl" "$D/target.jsonl"
run 2 sh -c 'ulimit -f 100; trap "" XFSZ; exec "$@"' sh $UNSPIN $EX $A2B --jsonl -i "$D/grow.jsonl"
has_err "^unspin: $D/grow.jsonl: write error: File too large$"
has_err "^unspin: $D/grow.jsonl: left as it was$"
check "in place: the original is untouched" cmp -s "$D/grow.jsonl" "$D/grow.orig"
run 2 sh -c 'ulimit -f 100; trap "" XFSZ; exec "$@"' sh $UNSPIN $EX $A2B --jsonl -o "$D/target.jsonl" "$D/grow.orig"
check "-o: the file it would replace is untouched" cmp -s "$D/target.jsonl" "$D/grow.orig"
no_temp_left "$D"

# A real full file system and a read-only directory need a mount: done in a
# user namespace where the system allows one (unshare -rm), else skipped.
if command -v unshare >/dev/null 2>&1 && unshare -rm true 2>/dev/null; then
    M=$WORK/mnt
    mkdir -p "$M"
    cp "$D/grow.orig" "$WORK/grow.jsonl"
    # tmpfs of 256 kB holding a 200 kB file: its cleaned copy cannot fit.
    cat >"$WORK/fullfs.sh" <<'SH'
# fullfs.sh MOUNTPOINT ORIGINAL COMMAND...: runs COMMAND FILE on a copy of
# ORIGINAL in a 256 kB tmpfs; fails if the copy changed or a temporary file
# is left.
m=$1 orig=$2
shift 2
mount -t tmpfs -o size=256k tmpfs "$m" && cp "$orig" "$m/grow.jsonl" || exit 99
"$@" "$m/grow.jsonl"
rc=$?
cmp -s "$m/grow.jsonl" "$orig" || { echo "the original changed" >&2; exit 98; }
ls -a "$m" | grep unspin- >&2 && exit 97
exit $rc
SH
    run 2 unshare -rm sh "$WORK/fullfs.sh" "$M" "$WORK/grow.jsonl" $UNSPIN $EX $A2B --jsonl -i
    has_err 'grow.jsonl: write error: No space left on device'
    has_err 'grow.jsonl: left as it was'
    # A read-only directory: the temporary file cannot be made beside it.
    mkdir -p "$WORK/ro"
    cp "$D/a.txt" "$WORK/ro/a.txt"
    run 2 unshare -rm sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 99; shift; exec "$@"' \
        sh "$WORK/ro" $UNSPIN $EX $A2B -i "$WORK/ro/a.txt"
    has_err "^unspin: $WORK/ro/a.txt: cannot create a temporary file beside it: Read-only file system$"
    check "read-only dir: the original is untouched" cmp -s "$WORK/ro/a.txt" "$D/a.txt"
    no_temp_left "$WORK/ro"
elif [ "$(id -u)" != 0 ]; then
    mkdir -p "$WORK/ro"
    cp "$D/a.txt" "$WORK/ro/a.txt"
    chmod 555 "$WORK/ro"
    run 2 $UNSPIN $EX $A2B -i "$WORK/ro/a.txt"
    has_err "cannot create a temporary file beside it: Permission denied"
    check "read-only dir: the original is untouched" cmp -s "$WORK/ro/a.txt" "$D/a.txt"
    chmod 755 "$WORK/ro"
else
    echo "# root without user namespaces: full file system and read-only directory checks skipped"
fi

# --- the reader goes away: unspin ... | head -1 ----------------------------------
# Quiet: no message; ended by SIGPIPE (status 141 from the shell) or 0.
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"text\":\"record %d\"}\n", i }' >"$D/long.jsonl"
sigpipe_case() {   # sigpipe_case DESCRIPTION SETUP ARGS...
    what=$1
    setup=$2
    shift 2
    { eval "$setup"; "$@" 2>"$ERR"; echo $? >"$WORK/status"; } | head -n 1 >"$OUT"
    st=$(cat "$WORK/status")
    if [ "$st" = 141 ] || [ "$st" = 0 ]; then ok "$what: status $st"; else bad "$what: status $st"; fi
    check "$what: one line read" test "$(wc -l <"$OUT")" -eq 1
    no_err
}
sigpipe_case "head -1, JSON Lines" ":" $UNSPIN $EX --jsonl "$D/long.jsonl"
sigpipe_case "head -1, JSON Lines, -j 2" ":" $UNSPIN $EX --jsonl -j 2 "$D/long.jsonl"
sigpipe_case "head -1, plain" ":" $UNSPIN $EX "$D/long.jsonl"
# Started with SIGPIPE ignored (as some job runners do): still quiet.
sigpipe_case "head -1, SIGPIPE ignored" "trap '' PIPE" $UNSPIN $EX --jsonl "$D/long.jsonl"

finish
