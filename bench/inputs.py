"""Benchmark inputs: BBC news as clean text, spun by bench/spinner, and with mojibake.

Each kind is first built once as a base of JSON Lines records (one per BBC article), then
cycled to the sizes asked for, in two forms:
  jsonl  one article per line, {"id": ..., "text": ...}
  plain     one long article: the articles' texts one after another, a blank line between,
            which is how a long article (or a whole scraped dump in one file) reaches unspin
  longline  the same with every line break turned into a space: one line of the full size
Everything is cached under OUT/inputs and rebuilt when the spinner or its vocabulary change.
"""
import codecs
import hashlib
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPINNER = os.path.join(HERE, "spinner")
VOCAB = os.path.join(HERE, "spinner-vocab.txt")
KINDS = ("clean", "spun", "mojibake")
FORMS = ("jsonl", "plain", "longline")
MOJIBAKE_SHARE = 0.3     # share of lines of a mojibake article that are mis-decoded
ORDER_SEED = "bench-order-1"


def read_corpus(corpus):
    """[(id, text)] for every BBC article, in a fixed shuffled order so every size mixes topics.

    The one article that is not UTF-8 (a Latin-1 pound sign) is read as cp1252, as a scraper
    that guessed the encoding would."""
    articles = []
    for d in sorted(os.listdir(corpus)):
        folder = os.path.join(corpus, d)
        if not os.path.isdir(folder):
            continue
        for f in sorted(os.listdir(folder)):
            if f.endswith(".txt"):
                raw = open(os.path.join(folder, f), "rb").read()
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    text = raw.decode("cp1252", "replace")
                articles.append((f"{d}/{f[:-4]}", text))
    if not articles:
        raise SystemExit(f"bench: no articles in {corpus}")
    random.Random(ORDER_SEED).shuffle(articles)
    return articles


# --- mojibake --------------------------------------------------------------------------------

def _cp1252_or_latin1(err):
    """Decode bytes cp1252 leaves undefined (0x81, 0x8D, ...) as the C1 controls, like browsers."""
    return "".join(chr(b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("bench-latin1", _cp1252_or_latin1)

QUOTES = re.compile(r'"([^"\n]*)"')
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def typographic(line):
    """The curly quotes, dashes and ellipses that scraped pages carry (BBC text is mostly ASCII)."""
    line = QUOTES.sub("\u201c\\1\u201d", line)
    line = APOSTROPHE.sub("\u2019", line)
    return line.replace(" - ", " \u2013 ").replace("...", "\u2026")


def mojibake(line):
    """UTF-8 read as Windows-1252: "don’t" becomes "donâ€™t", "£5" becomes "Â£5"."""
    return line.encode("utf-8").decode("cp1252", "bench-latin1")


def mojibake_article(name, text, share=MOJIBAKE_SHARE):
    rng = random.Random(f"bench-mojibake:{name}")
    lines = text.split("\n")
    out = []
    for line in lines:
        line = typographic(line)
        out.append(mojibake(line) if line and rng.random() < share else line)
    return "\n".join(out)


# --- bases and sized inputs ------------------------------------------------------------------

def stamp():
    """Names every cached input: a change to the spinner, its vocabulary or this generator
    gives new names, so no stale input is ever measured."""
    h = hashlib.sha1()
    for p in (SPINNER, VOCAB, __file__):
        h.update(open(p, "rb").read())
    return h.hexdigest()[:10]


STAMPED = re.compile(r"-([0-9a-f]{10})\.")


def remove_stale(out):
    """Delete cached inputs made by an older generator (they can be hundreds of MB)."""
    if not os.path.isdir(out):
        return
    current = stamp()
    for f in os.listdir(out):
        m = STAMPED.search(f)
        if m and m.group(1) != current:
            os.remove(os.path.join(out, f))


def write_jsonl(path, records):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for name, text in records:
            f.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [(r["id"], r["text"]) for r in map(json.loads, f)]


def base(kind, corpus, out):
    """The base records of KIND (one per BBC article), built once and cached."""
    path = os.path.join(out, f"base-{kind}-{stamp()}.jsonl")
    if os.path.exists(path):
        return read_jsonl(path)
    os.makedirs(out, exist_ok=True)
    articles = read_corpus(corpus)
    if kind == "clean":
        write_jsonl(path, articles)
    elif kind == "mojibake":
        write_jsonl(path, [(n, mojibake_article(n, t)) for n, t in articles])
    elif kind == "spun":
        clean = base("clean", corpus, out)
        src = os.path.join(out, f"base-clean-{stamp()}.jsonl")
        with open(src, "rb") as fin, open(path + ".tmp", "wb") as fout:
            p = subprocess.run([sys.executable, SPINNER, "--jsonl", "--seed", "1"],
                               stdin=fin, stdout=fout, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise SystemExit(f"bench: bench/spinner failed: {p.stderr.decode().strip()}")
        os.replace(path + ".tmp", path)
        del clean
    else:
        raise ValueError(kind)
    return read_jsonl(path)


def sized(kind, form, mb, corpus, out):
    """Path of an input of KIND and FORM of about MB megabytes (10^6 bytes), and its record count."""
    path = os.path.join(out, f"{kind}-{mb:g}MB-{stamp()}.{form}")
    meta = path + ".count"
    if os.path.exists(path) and os.path.exists(meta):
        return path, int(open(meta).read())
    records = base(kind, corpus, out)
    target = int(mb * 1e6)
    size = count = 0
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        while size < target:
            name, text = records[count % len(records)]
            lap = count // len(records)
            if form == "jsonl":
                piece = json.dumps({"id": f"{name}#{lap}", "text": text}, ensure_ascii=False) + "\n"
            elif form == "plain":
                piece = text.rstrip("\n") + "\n\n"
            else:
                piece = " ".join(text.split("\n")).strip() + " "
            f.write(piece)
            size += len(piece.encode("utf-8"))
            count += 1
    os.replace(tmp, path)
    with open(meta, "w") as f:
        f.write(f"{count}\n")
    return path, count


def short_article(corpus, out):
    """A short plain article for start-up timing: the shortest BBC article over 1 KB."""
    path = os.path.join(out, f"short-{stamp()}.txt")
    if not os.path.exists(path):
        articles = [t for _, t in read_corpus(corpus) if len(t.encode("utf-8")) >= 1000]
        os.makedirs(out, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(min(articles, key=len))
    return path
