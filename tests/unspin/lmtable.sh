#!/bin/sh
# lmtable.sh - the model's table (plugins/unspin/lmtable.h) changes nothing
# but the time: the same output with the built table, with none (sphinxbase),
# with one made here, and when the table is not for the model given (another
# file, a table cut short), where the filter falls back to sphinxbase.
. "$top_srcdir/tests/lib.sh"
MODEL=$(sed -n 's/^#define UNSPIN_DEFAULT_LM "\(.*\)"$/\1/p' "$top_builddir/config.h")
if [ ! -f "$MODEL" ]; then
    echo "skip: the default model ($MODEL) is not installed"
    exit 77
fi
cat > "$T/spun.txt" <<'TXT'
The Safety Service stated on Monday that troopers had been despatched to the jap border final yr.
Officers stated the navy had been educated within the area, the place many individuals reside.
The administration said it would dispatch more help to the influenced territories one week from now.
TXT
SEED=
if [ -d "${SHARED:-}/seeds" ]; then
    SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -n 1)
fi
[ -n "$SEED" ] && cat "$SEED" >> "$T/spun.txt"

run "$UNSPIN" -f unspin --set unspin.lm_table_out="$T/table.bin" /dev/null
expect_rc 0 "lm_table_out writes a table"
cp "$MODEL" "$T/model.lm.bin"
head -c 100000 "$T/table.bin" > "$T/cut.bin"
for how in none built mine other cut; do
    case $how in
        none) set -- --set unspin.lm_table= ;;
        built) set -- ;;
        mine) set -- --set unspin.lm_table="$T/table.bin" ;;
        other) set -- --set unspin.model="$T/model.lm.bin" --set unspin.lm_table="$T/table.bin" ;;
        cut) set -- --set unspin.lm_table="$T/cut.bin" ;;
    esac
    "$UNSPIN" -f unspin --set unspin.typos=true "$@" --report "$T/report.$how" "$T/spun.txt" > "$T/out.$how" 2> "$T/err.$how"
    echo $? > "$T/rc.$how"
done
for how in built mine other cut; do
    expect_same "$T/rc.none" "$T/rc.$how" "exit status with the table ($how) = without one"
    expect_same "$T/out.none" "$T/out.$how" "output with the table ($how) = without one"
    expect_same "$T/report.none" "$T/report.$how" "report with the table ($how) = without one"
done
if grep -q . "$T/out.none" && ! cmp -s "$T/out.none" "$T/spun.txt"; then
    ok "the text was repaired (the model was used)"
else
    fail "nothing was repaired: the comparison shows nothing"
fi

run "$UNSPIN" -f unspin --set unspin.lm_table_out="$T/readme.bin" --set unspin.model="$top_srcdir/README.md" /dev/null
expect_rc 2 "a model of another kind makes no table"
expect_err "not a sphinxbase trie model" "and says why"
finish
