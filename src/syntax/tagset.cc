#include "syntax/tagset.h"

#include <iterator>

namespace ng::syntax {
namespace {

// Append only: these positions are ids stored in model files.
constexpr const char* kUpos[] = {
    "X",     "ADJ",  "ADP",  "ADV",  "AUX", "CCONJ", "DET",  "INTJ", "NOUN",
    "NUM",   "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB",
};

constexpr const char* kXpos[] = {
    "_",   "NN",  "IN",   "DT",  "NNP", "PRP",  "JJ",  "RB",   ".",    "VB",   "NNS", ",",
    "CC",  "VBD", "VBP",  "VBZ", "CD",  "VBN",  "VBG", "MD",   "TO",   "PRP$", "-RRB-", "-LRB-",
    "WDT", ":",   "WRB",  "``",  "''",  "WP",   "RP",  "UH",   "POS",  "HYPH", "NNPS", "JJR",
    "JJS", "EX",  "NFP",  "RBR", "ADD", "GW",   "$",   "SYM",  "PDT",  "LS",   "FW",   "RBS",
    "AFX", "WP$", "XX",
};

constexpr const char* kDeprel[] = {
    "dep",          "punct",       "case",          "nsubj",       "det",
    "root",         "advmod",      "obj",           "amod",        "obl",
    "conj",         "compound",    "mark",          "nmod",        "cc",
    "aux",          "cop",         "advcl",         "nmod:poss",   "xcomp",
    "ccomp",        "acl:relcl",   "flat",          "parataxis",   "nummod",
    "appos",        "acl",         "aux:pass",      "nsubj:pass",  "obl:unmarked",
    "nmod:unmarked", "discourse",  "compound:prt",  "iobj",        "list",
    "expl",         "fixed",       "nmod:desc",     "obl:agent",   "csubj",
    "nsubj:outer",  "det:predet",  "vocative",      "goeswith",    "advcl:relcl",
    "cc:preconj",   "reparandum",  "orphan",        "csubj:pass",  "dislocated",
    "csubj:outer",  "obl:tmod",    "obl:npmod",     "nmod:tmod",   "nmod:npmod",
    "flat:foreign",
};

template <size_t N>
uint8_t Find(const char* const (&table)[N], std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (name == table[i]) return static_cast<uint8_t>(i);
  }
  return 0;
}

template <size_t N>
const char* Name(const char* const (&table)[N], uint8_t id) {
  return id < N ? table[id] : table[0];
}

}  // namespace

int UposCount() { return static_cast<int>(std::size(kUpos)); }
int XposCount() { return static_cast<int>(std::size(kXpos)); }
int DeprelCount() { return static_cast<int>(std::size(kDeprel)); }

uint8_t UposId(std::string_view name) { return Find(kUpos, name); }
uint8_t XposId(std::string_view name) { return Find(kXpos, name); }
uint8_t DeprelId(std::string_view name) { return Find(kDeprel, name); }
const char* UposName(uint8_t id) { return Name(kUpos, id); }
const char* XposName(uint8_t id) { return Name(kXpos, id); }
const char* DeprelName(uint8_t id) { return Name(kDeprel, id); }

}  // namespace ng::syntax
