#!/bin/sh
# make-inputs.sh DIR - writes the bad-input corpus of the reliability suite
# (issue 7), one case per file, into DIR:
#   DIR/plain/*.txt   articles that must come out byte for byte as they went
#                     in through a filter that changes nothing (exit 0)
#   DIR/good/*.jsonl  JSON Lines records that are valid, however odd: each is
#                     cleaned (exit 0) and, unchanged, written as it came
#   DIR/bad/*.jsonl   records that cannot be cleaned: each one is named on
#                     stderr and passed through, skipped or stops the run
# The same files seed the fuzzers (make fuzz).  Bytes are written with
# printf octal escapes: POSIX printf has no \x.
set -e
dir=${1:?usage: make-inputs.sh DIR}
mkdir -p "$dir/plain" "$dir/good" "$dir/bad"

# --- invalid UTF-8 of every kind -------------------------------------------
# name and bytes (octal), one per line.
invalid_utf8() {
    cat <<'LIST'
lone-continuation a\200b\277c
start-byte-then-ascii a\303Ab
truncated-2-byte-at-end abc\303
truncated-3-byte a\342\202b
truncated-4-byte a\360\237\230b
overlong-2-byte a\300\257b\301\277
overlong-3-byte a\340\200\257b
overlong-4-byte a\360\200\200\257b
surrogate-high-encoded a\355\240\200b
surrogate-low-encoded a\355\277\277b
surrogate-pair-cesu8 a\355\240\275\355\270\200b
above-10ffff a\364\220\200\200b
five-and-six-byte-forms a\370\210\200\200\200b\374\204\200\200\200\200
bytes-fe-ff a\376b\377
latin1 caf\351 cr\350me br\373l\351e
cp1252-quotes \223quoted\224 \226 dash
LIST
}
invalid_utf8 | while read -r name bytes; do
    printf "$bytes\n" >"$dir/plain/utf8-$name.txt"
    printf "{\"id\":\"utf8-$name\",\"text\":\"$bytes\"}\n" >"$dir/good/utf8-$name.jsonl"
done
# Invalid bytes outside the text too: in a key and in another field.
printf '{"k\377":"v\200","text":"t\300"}\n' >"$dir/good/utf8-in-keys-and-fields.jsonl"

# --- plain articles ------------------------------------------------------------
: >"$dir/plain/empty.txt"
printf ' \t\n\n  \r\n' >"$dir/plain/whitespace.txt"
printf 'a\000b\000\000c\n\000' >"$dir/plain/nul-bytes.txt"
printf 'line one\r\nline two\r\n' >"$dir/plain/crlf.txt"
printf '\357\273\277BOM first, valid UTF-8 after: caf\303\251\n' >"$dir/plain/bom.txt"
printf 'no newline at the end' >"$dir/plain/no-final-newline.txt"

# --- valid JSON Lines, however odd -----------------------------------------------
printf '' >"$dir/good/empty.jsonl"
printf '\n  \n\t\n \r\n' >"$dir/good/blank-lines.jsonl"
printf '{"text":""}\n{"text":"x"}\n' >"$dir/good/empty-text.jsonl"
printf '  { "text" : "spaced" , "id" : 7 }  \r\n' >"$dir/good/white-space-and-crlf.jsonl"
printf '{"text":"no newline at the end"}' >"$dir/good/no-final-newline.jsonl"
printf '{"text":"a\\u0000b\\u001f\\u007f"}\n' >"$dir/good/nul-escaped.jsonl"
printf '{"text":"\\ud83d\\ude00 pair, lone \\ud800 \\udc00, reversed \\udc00\\ud800"}\n' >"$dir/good/surrogate-escapes.jsonl"
printf '{"text":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC"}\n' >"$dir/good/all-escapes.jsonl"
printf '{"te\\u0078t":"escaped key"}\n' >"$dir/good/escaped-key.jsonl"
printf '{"id":1,"id":2,"other":1,"other":[],"text":"duplicate keys other than text"}\n' >"$dir/good/duplicate-other-keys.jsonl"
printf '{"n":-0,"m":1e999,"o":-1.5E-300,"p":12345678901234567890123,"t":true,"f":false,"z":null,"a":[],"o2":{},"text":"every kind of value"}\n' >"$dir/good/value-kinds.jsonl"
# 500 levels of nesting in another field: under the scanner's limit of 512.
awk 'BEGIN { s = ""; for (i = 0; i < 500; i++) s = s "["; t = ""; for (i = 0; i < 500; i++) t = t "]"; printf "{\"deep\":%s%s,\"text\":\"nested 500 deep\"}\n", s, t }' >"$dir/good/nested-500.jsonl"

# --- records that cannot be cleaned ---------------------------------------------
cat >"$dir/bad/text-not-a-string.jsonl" <<'JSONL'
{"id":"missing"}
{"id":"null","text":null}
{"id":"number","text":5}
{"id":"float","text":-1.5e3}
{"id":"object","text":{"text":"inner"}}
{"id":"empty-object","text":{}}
{"id":"array","text":["a"]}
{"id":"bool","text":true}
{}
JSONL
cat >"$dir/bad/duplicate-text.jsonl" <<'JSONL'
{"text":"a","text":"b"}
{"text":"a","te\u0078t":"b"}
{"text":null,"text":"b"}
JSONL
cat >"$dir/bad/not-an-object.jsonl" <<'JSONL'
[{"text":"in an array"}]
"text"
42
null
true
JSONL
cat >"$dir/bad/malformed.jsonl" <<'JSONL'
{"text":"a"}}
{"text":"a"} x
{"text":"a",}
{,"text":"a"}
{"text" "a"}
{'text':'a'}
{text:"a"}
{"text":"a\x"}
{"text":"\u12"}
{"text":"\uZZZZ"}
{"n":01,"text":"a"}
{"n":1.,"text":"a"}
{"n":-,"text":"a"}
{"n":+1,"text":"a"}
{"n":NaN,"text":"a"}
{"n":Infinity,"text":"a"}
{"b":tru,"text":"a"}
{"text":"a"
JSONL
printf '{"text":"raw\ttab"}\n{"text":"raw \000 NUL"}\n{"text":"a"}\000\n{"text":"raw \033 escape"}\n' >"$dir/bad/control-characters.jsonl"
printf '\357\273\277{"text":"after a byte order mark"}\n' >"$dir/bad/bom.jsonl"
# Every proper prefix of a valid record is malformed.
rec='{"id":1,"text":"caf\u00e9 \"q\"","x":[1,{"y":null}],"z":-2.5e+3}'
i=1
while [ $i -lt ${#rec} ]; do
    printf '%s\n' "$(printf '%s' "$rec" | cut -c1-$i)"
    i=$((i + 1))
done >"$dir/bad/truncated.jsonl"
# Nested past the limit (512), in another field and as the text; and far past
# it, closed and unclosed: a recursive parser without a limit would overflow
# its stack.
awk 'BEGIN {
    for (n = 0; n < 3; n++) {
        depth = n == 0 ? 600 : 100000
        s = ""; for (i = 0; i < depth; i++) s = s "["
        t = ""; if (n < 2) for (i = 0; i < depth; i++) t = t "]"
        printf "{\"deep\":%s%s,\"text\":\"nested %d deep\"}\n", s, t, depth
    }
    s = ""; for (i = 0; i < 600; i++) s = s "{\"a\":"
    t = ""; for (i = 0; i < 600; i++) t = t "}"
    printf "{\"text\":%s1%s}\n", s, t
}' >"$dir/bad/nested-too-deep.jsonl"
