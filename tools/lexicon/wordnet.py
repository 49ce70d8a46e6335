#!/usr/bin/python3
"""A small reader of the WordNet 3.0 dict files (/usr/share/wordnet, Debian package wordnet-base).

  from wordnet import WordNet
  wn = WordNet()
  wn.senses("strike", "v")       -> [Synset, ...] in WordNet's sense order (most frequent first)
  s.words, s.gloss, s.offset     -> lemmas (underscored multiword), gloss text, data-file offset
  wn.troponyms(s)                -> verb synsets "~" below s (ways of doing it)
  wn.derived(s, word, "n")       -> noun lemmas derivationally related ("+") to `word` in s

  /usr/bin/python3 tools/lexicon/wordnet.py strike v   # print the senses with their numbers
Only the standard library; written for tools/lexicon/build.py.
"""
import os
import sys

DICT = "/usr/share/wordnet"
POS_FILE = {"v": "verb", "n": "noun", "a": "adj", "r": "adv"}


class Synset:
    __slots__ = ("pos", "offset", "words", "ptrs", "gloss")

    def __init__(self, pos, offset, words, ptrs, gloss):
        self.pos, self.offset, self.words, self.ptrs, self.gloss = pos, offset, words, ptrs, gloss


class WordNet:
    def __init__(self, root=DICT):
        self.root = root
        self._index = {}
        self._data = {}
        self._cache = {}

    def _load_index(self, pos):
        if pos in self._index:
            return self._index[pos]
        idx = {}
        with open(os.path.join(self.root, "index." + POS_FILE[pos]), encoding="latin-1") as f:
            for ln in f:
                if ln.startswith(" "):
                    continue
                p = ln.split()
                lemma, n_syn, n_ptr = p[0], int(p[2]), int(p[3])
                offs = p[4 + n_ptr + 2:4 + n_ptr + 2 + n_syn]
                idx[lemma] = [int(o) for o in offs]
        self._index[pos] = idx
        return idx

    def synset(self, pos, offset):
        key = (pos, offset)
        if key in self._cache:
            return self._cache[key]
        if pos not in self._data:
            self._data[pos] = open(os.path.join(self.root, "data." + POS_FILE[pos]), "rb")
        f = self._data[pos]
        f.seek(offset)
        ln = f.readline().decode("latin-1")
        body, _, gloss = ln.partition(" | ")
        p = body.split()
        w_cnt = int(p[3], 16)
        words = []
        for k in range(w_cnt):
            w = p[4 + 2 * k].lower()
            if "(" in w:  # adjective markers "(a)", "(p)"
                w = w[:w.index("(")]
            words.append(w)
        i = 4 + 2 * w_cnt
        n_ptr = int(p[i])
        ptrs = []
        for k in range(n_ptr):
            sym, off, ppos, st = p[i + 1 + 4 * k:i + 5 + 4 * k]
            ptrs.append((sym, int(off), "n" if ppos == "n" else "v" if ppos == "v" else "a" if ppos in "as" else "r",
                         int(st[:2], 16), int(st[2:], 16)))
        s = Synset(pos, offset, words, ptrs, gloss.strip())
        self._cache[key] = s
        return s

    def senses(self, lemma, pos):
        lemma = lemma.lower().replace(" ", "_")
        return [self.synset(pos, o) for o in self._load_index(pos).get(lemma, [])]

    def troponyms(self, s):
        return [self.synset(p[2], p[1]) for p in s.ptrs if p[0] == "~" and p[2] == s.pos]

    def derived(self, s, word, pos):
        """Lemmas of `pos` derivationally related to `word` (a member of s)."""
        try:
            src = s.words.index(word) + 1
        except ValueError:
            return []
        out = []
        for sym, off, ppos, st, tt in s.ptrs:
            if sym != "+" or ppos != pos or st != src:
                continue
            t = self.synset(ppos, off)
            if 0 < tt <= len(t.words):
                out.append((t.words[tt - 1], t))
        return out


def main(argv):
    wn = WordNet()
    lemma, pos = argv[1], argv[2] if len(argv) > 2 else "v"
    for i, s in enumerate(wn.senses(lemma, pos), 1):
        print("%d\t%s\t%s" % (i, ",".join(s.words), s.gloss[:110]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
