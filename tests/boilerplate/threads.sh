#!/bin/sh
# threads.sh - the filter runs on several threads at once (it is flagged
# thread-safe, so the core does not serialise it): with -j 2 and -j 3 the
# output and the report are byte for byte those of one thread, over many
# articles with chrome of every family (and the BBC corpus when the shared
# data is there).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/boilerplate/article.sh"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is needed to build the input"; exit 77; }

# 600 articles: the test article, with its chrome lines rotated so that every
# record differs, and a copy of each with the chrome moved to the end.
python3 - "$T" <<'EOF' > "$T/in.jsonl"
import json, os, sys
t = sys.argv[1]
body = open(os.path.join(t, "body.txt")).read().splitlines()
chrome = open(os.path.join(t, "chrome.txt")).read().splitlines()
shared = os.environ.get("SHARED", "")
bbc = os.path.join(shared, "corpora", "bbc-news", "business") if shared else ""
extra = []
if bbc and os.path.isdir(bbc):
    for name in sorted(os.listdir(bbc))[:300]:
        extra.append(open(os.path.join(bbc, name), "rb").read().decode("utf-8", "replace"))
for i in range(300):
    k = i % len(chrome)
    c = chrome[k:] + chrome[:k]
    print(json.dumps({"id": f"a{i}", "text": "\n".join(c[:3] + body[:3] + c[3:6] + body[3:] + c[6:]) + "\n"}))
    print(json.dumps({"id": f"b{i}", "text": "\n\n".join(body + c) + "\n"}))
for i, text in enumerate(extra):
    print(json.dumps({"id": f"bbc{i}", "text": text}))
EOF

run "$UNSPIN" -f boilerplate --jsonl --report "$T/r1.jsonl" "$T/in.jsonl"
expect_rc 0 "one thread"
mv "$T/out" "$T/out1.jsonl"
if grep -q 'Share this article' "$T/out1.jsonl"; then fail "chrome kept on one thread"; else ok "chrome removed on one thread"; fi
for j in 2 3; do
    run "$UNSPIN" -f boilerplate --jsonl -j "$j" --report "$T/r$j.jsonl" "$T/in.jsonl"
    expect_rc 0 "-j $j"
    expect_same "$T/out" "$T/out1.jsonl" "-j $j: output identical to one thread"
    expect_same "$T/r$j.jsonl" "$T/r1.jsonl" "-j $j: report identical to one thread"
done
finish
