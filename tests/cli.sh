#!/bin/sh
# cli.sh - the command line: plain articles, exit codes, -o, --in-place,
# configuration files and --set, chain errors.
. "$top_srcdir/tests/lib.sh"
REPL='example.replace=[{"from":"Safety","to":"Security"}]'

run "$UNSPIN" --help
expect_rc 0 "--help"
grep -q "Exit status" "$T/out" && ok "--help documents exit codes" || fail "--help lacks exit codes"
run "$UNSPIN" --version
expect_rc 0 "--version"
run "$UNSPIN" --no-such-option
expect_rc 1 "unknown option is a usage error"
run "$UNSPIN" -j 0
expect_rc 1 "-j 0 is a usage error"
run "$UNSPIN" --on-error maybe
expect_rc 1 "bad --on-error mode"
run "$UNSPIN" --in-place
expect_rc 1 "--in-place without files"

printf 'The Safety Service said.\n' > "$T/a.txt"
run "$UNSPIN" -f example --set "$REPL" "$T/a.txt"
expect_rc 0 "one file"
expect_out "The Security Service said." "replacement applied to a file"
run sh -c "printf 'Safety' | '$UNSPIN' -f example --set '$REPL'"
expect_out "Security" "stdin is one article"

# Several files: each one article, in order; the text is kept byte for byte.
printf 'one Safety' > "$T/b.txt"
printf '' > "$T/empty.txt"
run "$UNSPIN" -f example --set "$REPL" "$T/b.txt" "$T/empty.txt" "$T/a.txt"
expect_out "one SecurityThe Security Service said." "files in order, empty file kept empty"

# A named filter that cannot load is an error, never a silent no-op.
run "$UNSPIN" -f example,nosuchfilter "$T/a.txt"
expect_rc 2 "missing filter"
expect_err 'filter "nosuchfilter" not found' "missing filter is named"
run "$UNSPIN" -f 'bad/name' "$T/a.txt"
expect_rc 2 "a path is not a filter name"
run "$UNSPIN" -f example,example "$T/a.txt"
expect_rc 2 "a filter twice in the chain"

# Options: unknown keys and --set for a filter outside the chain are errors.
run "$UNSPIN" -f example --set example.nope=1 "$T/a.txt"
expect_rc 2 "unknown filter option"
expect_err 'unknown option "nope"' "unknown option is named"
run "$UNSPIN" -f example --set other.x=1 "$T/a.txt"
expect_rc 2 "--set for a filter not in the chain"
run "$UNSPIN" -f example --set novalue "$T/a.txt"
expect_rc 1 "--set without FILTER.KEY=VALUE"

# Configuration file: chain and options; errors name the file and place.
cat > "$T/conf.json" <<'JSON'
{ "chain": ["example"],
  "filters": { "example": { "replace": [ { "regex": "S[a-z]+y", "to": "Security" } ] } } }
JSON
run "$UNSPIN" -c "$T/conf.json" "$T/a.txt"
expect_out "The Security Service said." "configuration file sets chain and options"
run "$UNSPIN" -c "$T/conf.json" --set 'example.replace=[{"from":"said","to":"stated"}]' "$T/a.txt"
expect_out "The Safety Service stated." "--set overrides the file"
printf '{ "chain": "example",\n  "filters": { oops } }\n' > "$T/bad.json"
run "$UNSPIN" -c "$T/bad.json" "$T/a.txt"
expect_rc 2 "invalid JSON configuration"
expect_err "bad.json:2:" "invalid configuration names file and line"
printf '{ "chian": "example" }' > "$T/typo.json"
run "$UNSPIN" -c "$T/typo.json" "$T/a.txt"
expect_err 'unknown key "chian"' "unknown configuration key is named"
run "$UNSPIN" -c "$T/missing.json" "$T/a.txt"
expect_rc 2 "missing configuration file"

# -o writes the file only when all went well.
run "$UNSPIN" -f example --set "$REPL" -o "$T/out.txt" "$T/a.txt"
expect_rc 0 "-o"
[ "$(cat "$T/out.txt")" = "The Security Service said." ] && ok "-o content" || fail "-o content"
echo "keep me" > "$T/keep.txt"
run "$UNSPIN" -f example,nosuchfilter -o "$T/keep.txt" "$T/a.txt"
[ "$(cat "$T/keep.txt")" = "keep me" ] && ok "-o target untouched when the run cannot start" || fail "-o target changed"
run "$UNSPIN" -f example --set "$REPL" -o "$T/same.txt" "$T/a.txt"
cp "$T/a.txt" "$T/self.txt"
run "$UNSPIN" -f example --set "$REPL" -o "$T/self.txt" "$T/self.txt"
[ "$(cat "$T/self.txt")" = "The Security Service said." ] && ok "-o onto its own input" || fail "-o onto its own input lost data"

# --in-place: each file rewritten; an unreadable one named, the others done.
printf 'x Safety' > "$T/p1.txt"
printf 'y Safety' > "$T/p2.txt"
chmod 640 "$T/p1.txt"
run "$UNSPIN" -f example --set "$REPL" --in-place "$T/p1.txt" "$T/nope.txt" "$T/p2.txt"
expect_rc 2 "--in-place with a missing file"
expect_err "nope.txt" "the missing file is named"
[ "$(cat "$T/p1.txt")$(cat "$T/p2.txt")" = "x Securityy Security" ] && ok "--in-place rewrote the others" || fail "--in-place content"
[ "$(stat -c %a "$T/p1.txt")" = 640 ] && ok "--in-place keeps the mode" || fail "--in-place changed the mode"
ls "$T" | grep -q 'unspin-' && fail "temporary file left behind" || ok "no temporary file left"

# Output that fails: /dev/full gives a clear error and exit 2.
if [ -w /dev/full ]; then
    run "$UNSPIN" -f example -o /dev/full "$T/a.txt"
    expect_rc 2 "-o /dev/full"
    expect_err "No space left" "write error is named"
fi

# The report is valid UTF-8 JSON even when an edit removed invalid bytes.
printf 'caf\351 ok' > "$T/latin1.txt"
run "$UNSPIN" -f example --set 'example.replace=[{"regex":"caf.","to":"cafe"}]' --report "$T/rep.json" "$T/latin1.txt"
expect_out "cafe ok" "regex replaced the invalid byte"
python3 -c 'import json,sys; r=json.loads(open(sys.argv[1],encoding="utf-8").read()); assert r["edits"][0]["before"]=="caf\u00e9", r' "$T/rep.json" \
    && ok "report escapes invalid bytes as \\u00XX" || fail "report is not valid UTF-8 JSON: $(cat "$T/rep.json")"

# --list-filters shows name, version and description.
run "$UNSPIN" --list-filters
grep -q '^example ' "$T/out" && ok "--list-filters lists example" || fail "--list-filters: $(cat "$T/out")"
run "$UNSPIN" --plugin-path "$T" -f example "$T/a.txt"
expect_rc 0 "--plugin-path is searched before the default"
finish
