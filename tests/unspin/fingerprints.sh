#!/bin/sh
# fingerprints.sh - the cache of fingerprint weights (plugins/unspin/gate.h):
# it changes nothing but the time; with it, start-up reads neither the model
# nor Hunspell; a cache made with other files or other map entries is not used.
. "$top_srcdir/tests/lib.sh"
MODEL=$(sed -n 's/^#define UNSPIN_DEFAULT_LM "\(.*\)"$/\1/p' "$top_builddir/config.h")
DICT=$(sed -n 's/^#define UNSPIN_DEFAULT_HUNSPELL "\(.*\)"$/\1/p' "$top_builddir/config.h")
if [ ! -f "$MODEL" ] || [ ! -f "$DICT.dic" ]; then
    echo "skip: the default model ($MODEL) or Hunspell dictionary ($DICT) is not installed"
    exit 77
fi
cat > "$T/spun.txt" <<'TXT'
The Safety Service stated on Monday that troopers had been despatched to the jap border final yr.
Officers stated the navy had been educated within the area, the place many individuals reside.
TXT
echo "The minister said on Monday that the talks would go on." > "$T/clean.txt"

# the same output and report with the cache, without one, and with the built one
run "$UNSPIN" -f unspin --set unspin.fingerprints_out="$T/fp.tsv" /dev/null
expect_rc 0 "fingerprints_out writes a cache"
for how in none mine built; do
    case $how in
        none) set -- --set unspin.fingerprints= ;;
        mine) set -- --set unspin.fingerprints="$T/fp.tsv" ;;
        built) set -- ;;
    esac
    "$UNSPIN" -f unspin "$@" --report "$T/report.$how" "$T/spun.txt" > "$T/out.$how" 2> "$T/err"
    echo $? > "$T/rc.$how"
done
expect_same "$T/out.none" "$T/out.mine" "output with a cache = without one"
expect_same "$T/report.none" "$T/report.mine" "report with a cache = without one"
expect_same "$T/out.none" "$T/out.built" "output with the built cache = without one"
expect_same "$T/report.none" "$T/report.built" "report with the built cache = without one"
cmp -s "$T/spun.txt" "$T/out.none" && fail "the spun test article was not repaired" || ok "the spun test article is repaired"

# With a cache, a clean article never reads the model or Hunspell: make a cache
# for files that are then swapped for garbage of the same size and time.
ln -s "$MODEL" "$T/lm.bin"
ln -s "$DICT.aff" "$T/en.aff"
ln -s "$DICT.dic" "$T/en.dic"
printf 'stated = said\n' > "$T/own.map"
FILES="--set unspin.model=$T/lm.bin --set unspin.hunspell=$T/en --set unspin.maps=[\"$T/own.map\"]"
run "$UNSPIN" -f unspin $FILES --set unspin.fingerprints_out="$T/own.tsv" /dev/null
expect_rc 0 "a cache for other files and maps"
garble() {   # garble FILE REAL: FILE becomes zeros of REAL's size and time
    rm "$1" && truncate -s "$(stat -L -c %s "$2")" "$1" && touch -r "$2" "$1"
}
garble "$T/lm.bin" "$MODEL"
garble "$T/en.aff" "$DICT.aff"
garble "$T/en.dic" "$DICT.dic"
run "$UNSPIN" -f unspin $FILES --set unspin.fingerprints="$T/own.tsv" "$T/clean.txt"
expect_rc 0 "with the cache, a clean article runs without reading the (now broken) model"
expect_same "$T/clean.txt" "$T/out" "the clean article is unchanged"
run "$UNSPIN" -f unspin $FILES --set unspin.fingerprints="$T/own.tsv" --set unspin.gate=false "$T/spun.txt"
expect_err "cannot read language model \"$T/lm.bin\"" "an article that needs the model reads it then, and says it cannot"

# a cache is not used for other files or for changed entries: then the
# weights are computed, which needs the (broken) model at start-up
sed 's/^\(model\t[^\t]*\t\)[0-9]*/\11/' "$T/own.tsv" > "$T/stale.tsv"
run "$UNSPIN" -f unspin $FILES --set unspin.fingerprints="$T/stale.tsv" "$T/clean.txt"
expect_err "cannot read language model" "a cache made with another model is not used"
printf 'stated = said (0.5)\n' > "$T/own.map"
run "$UNSPIN" -f unspin $FILES --set unspin.fingerprints="$T/own.tsv" "$T/clean.txt"
expect_err "cannot read language model" "a cache made for another weight of an entry is not used"

run "$UNSPIN" -f unspin --set unspin.fingerprints_out=/nonexistent/dir/fp.tsv /dev/null
expect_err 'cannot write "/nonexistent/dir/fp.tsv"' "an unwritable cache path is named"
finish
