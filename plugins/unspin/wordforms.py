"""Word forms for the map generators (make-thesaurus-map, make-inflection-map): a word's
inflections by slot, and a form's analyses back to its lemma, from WordNet (Debian
wordnet-base: lemmas, sense-tagged counts, irregular forms) and the vocabulary of the
model (the pronouncing dictionary of pocketsphinx-en-us: a form outside it is never
written into a map)."""
import collections, os, re

POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
WORD = re.compile(r"^[a-z][a-z'-]*$")
# the inflected slots of each part of speech; the base is the lemma itself
SLOTS = {"noun": ("plural",), "verb": ("3sg", "past", "pp", "ing")}


def regular_s(w):
    if re.search(r"(s|x|z|ch|sh)$", w):
        return [w + "es"]
    if re.search(r"[^aeiou]y$", w):
        return [w[:-1] + "ies"]
    return [w + "s"]


def with_suffix(w, suffix):
    """w + suffix, after the form with the last consonant doubled when w ends
    consonant-vowel-consonant ("stopped" before "stoped"): the vocabulary picks."""
    if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", w):
        return [w + w[-1] + suffix, w + suffix]
    return [w + suffix]


def regular_ed(w):
    if w.endswith("e"):
        return [w + "d"]
    if re.search(r"[^aeiou]y$", w):
        return [w[:-1] + "ied"]
    return with_suffix(w, "ed")


def regular_ing(w):
    if w.endswith("ie"):
        return [w[:-2] + "ying"]
    if re.search(r"[^aeioy]e$", w):
        return [w[:-1] + "ing"]
    return with_suffix(w, "ing")


class WordForms:
    def __init__(self, wordnet, vocab_path):
        self.vocab = set()
        for line in open(vocab_path, encoding="utf-8", errors="replace"):
            w = line.split(" ", 1)[0]
            self.vocab.add(re.sub(r"\(\d+\)$", "", w))
        # sense-tagged counts per lemma and part of speech (cntlist.rev: lemma%ss_type:...  sense count)
        self.count = collections.Counter()
        for line in open(os.path.join(wordnet, "cntlist.rev"), encoding="utf-8"):
            key, _, n = line.split()
            lemma, rest = key.split("%", 1)
            self.count[(lemma, POS[{"1": "n", "2": "v", "3": "a", "4": "r", "5": "s"}[rest[0]]])] += int(n)
        # irregular forms, base -> forms (verb.exc, noun.exc)
        self.irregular = {"noun": collections.defaultdict(list), "verb": collections.defaultdict(list)}
        self.irregular_base = {"noun": collections.defaultdict(list), "verb": collections.defaultdict(list)}
        for pos in self.irregular:
            for line in open(os.path.join(wordnet, pos + ".exc"), encoding="utf-8"):
                parts = line.split()
                for base in parts[1:]:
                    self.irregular[pos][base].append(parts[0])
                    self.irregular_base[pos][parts[0]].append(base)

    def known(self, phrase):
        return all(WORD.match(w) and w in self.vocab for w in phrase.split())

    def first_known(self, forms):
        for f in forms:
            if f in self.vocab:
                return f
        return None

    def slots(self, lemma, pos):
        """Inflected forms of a one-word lemma by slot (only forms in the vocabulary)."""
        out = {"base": lemma}
        if pos == "noun":
            irr = self.irregular["noun"].get(lemma)
            out["plural"] = self.first_known(irr or regular_s(lemma))
        elif pos == "verb":
            irr = [f for f in self.irregular["verb"].get(lemma, []) if not f.endswith("ing")]
            out["3sg"] = self.first_known(regular_s(lemma))
            out["ing"] = self.first_known(regular_ing(lemma))
            if irr:
                pp = [f for f in irr if f.endswith("n")]
                past = [f for f in irr if not f.endswith("n")] or pp
                out["past"] = self.first_known(past)
                out["pp"] = self.first_known(pp or past)
            else:
                out["past"] = out["pp"] = self.first_known(regular_ed(lemma))
        return {k: v for k, v in out.items() if v}

    def inflect(self, lemma, pos):
        """Slot -> phrase; verbs inflect their first word, nouns their last."""
        words = lemma.split("_")
        if len(words) > 3:
            return {}
        head = 0 if pos == "verb" else len(words) - 1
        forms = {}
        for slot, f in self.slots(words[head], pos).items():
            ws = list(words)
            ws[head] = f
            phrase = " ".join(ws)
            if self.known(phrase):
                forms[slot] = phrase
        return forms

    def pos_share(self, word, pos):
        """The share of a lemma's sense-tagged occurrences in WordNet that are of part of speech pos."""
        total = sum(self.count[(word, p)] for p in ("noun", "verb", "adj", "adv"))
        return self.count[(word, pos)] / total if total else 0.0

    def analyses(self, word):
        """Every (lemma, pos, slot) of a one-word noun or verb form whose lemma WordNet
        counts and whose slots() give back the form itself."""
        out = []
        for pos in SLOTS:
            lemmas = {word} | set(self.irregular_base[pos].get(word, ()))
            for suffix, repl in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"),
                                 ("ing", ""), ("ing", "e"), ("ying", "ie")):
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    lemmas.add(word[: -len(suffix)] + repl)
            if re.search(r"([^aeiou])\1(ed|ing)$", word):
                lemmas.add(re.sub(r"([^aeiou])\1(ed|ing)$", r"\1", word))
            for lemma in sorted(lemmas):
                if not self.count[(lemma, pos)]:
                    continue
                for slot, form in self.slots(lemma, pos).items():
                    if form == word:
                        out.append((lemma, pos, slot))
        return out
