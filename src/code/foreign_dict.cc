// foreign_dict.cc — readers for TABARI (.verbs .actors .agents .options) and PETRARCH
// (*verbs.txt *actors.txt *agents.txt *discards.txt, config .ini) dictionaries. Line-oriented,
// one pass per file (two for PETRARCH verbs: synsets may be used before they are defined);
// nothing recurses on input depth except synset expansion, which stops at kMaxSynsetDepth.
#include "code/foreign_dict.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ng::foreign {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

Status Bad(const std::string& file, size_t line, const std::string& what) {
  return InvalidArgument(file + ":" + std::to_string(line) + ": " + what);
}

std::string Where(const std::string& file, size_t line) {
  return file + ":" + std::to_string(line);
}

// Removes a trailing comment. TABARI comments start with ';', PETRARCH ones with '#'.
std::string_view StripComment(std::string_view line, Flavor flavor) {
  // the comment mark inside a code block is part of the code: "[###]"
  size_t cut = std::string_view::npos;
  const char mark = flavor == Flavor::kTabari ? ';' : '#';
  for (size_t i = 0, depth = 0; i < line.size(); ++i) {
    if (line[i] == '[')
      ++depth;
    else if (line[i] == ']' && depth > 0)
      --depth;
    else if (line[i] == mark && depth == 0) {
      cut = i;
      break;
    }
  }
  if (flavor == Flavor::kTabari) {
    // TABARI files also use a leading '#' to comment out a whole line.
    std::string_view t = Trim(line);
    if (!t.empty() && t.front() == '#') return {};
  }
  if (cut != std::string_view::npos) line = line.substr(0, cut);
  return Trim(line);
}

// Tracks "<!-- ... -->" blocks of PETRARCH files; returns true when the line is comment only.
bool InXmlComment(std::string_view line, bool* open) {
  std::string_view t = Trim(line);
  if (*open) {
    if (t.find("-->") != std::string_view::npos) *open = false;
    return true;
  }
  if (t.substr(0, 2) == "<!" || t.substr(0, 1) == "<") {
    if (t.substr(0, 4) == "<!--" && t.find("-->") == std::string_view::npos) *open = true;
    return true;
  }
  return false;
}

// ---- phrases and patterns -------------------------------------------------------------------

struct Item {
  enum Kind {
    kWordItem,
    kBrace,
    kStar,
    kPlus,
    kDollar,
    kPercent,
    kCaret,
    kSynset
  } kind = kWordItem;
  std::string text;
  bool glued_prev = false;
  bool trailing_underscore = false;
};

// Splits pattern or phrase text into items. '_' glues neighbours; ' ' separates.
Status Lex(std::string_view s, const std::string& file, size_t line, std::vector<Item>* items) {
  bool pending_glue = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') {
      // PETRARCH-2 brackets a prepositional phrase "(TO PEACE)"; we match its words in order.
      pending_glue = false;
      ++i;
      continue;
    }
    if (c == '_') {
      if (!items->empty()) items->back().trailing_underscore = true;
      pending_glue = !items->empty();
      ++i;
      continue;
    }
    Item it;
    it.glued_prev = pending_glue;
    pending_glue = false;
    if (c == '{') {
      size_t close = s.find('}', i);
      if (close == std::string_view::npos) return Bad(file, line, "'{' without '}'");
      it.kind = Item::kBrace;
      it.text = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '}') {
      return Bad(file, line, "'}' without '{'");
    } else if (c == '*' || c == '+' || c == '$' || c == '%' || c == '^') {
      // A marker only when it stands alone; "ANTI-" or "PESO_$" keep their characters as words.
      it.kind = c == '*'   ? Item::kStar
                : c == '+' ? Item::kPlus
                : c == '$' ? Item::kDollar
                : c == '%' ? Item::kPercent
                           : Item::kCaret;
      it.text = std::string(1, c);
      ++i;
    } else {
      size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '_' &&
             s[j] != '{' && s[j] != '}' && s[j] != '(' && s[j] != ')')
        ++j;
      it.text = Upper(s.substr(i, j - i));
      it.kind = it.text[0] == '&' && it.text.size() > 1 ? Item::kSynset : Item::kWordItem;
      i = j;
    }
    items->push_back(std::move(it));
    if (items->size() > kMaxPatternElems * 4) return Bad(file, line, "pattern too long");
  }
  return Status::Ok();
}

Word MakeWord(const Item& it, Flavor flavor) {
  Word w;
  w.text = it.text;
  if (flavor == Flavor::kPetrarch) {
    w.mode = WordMode::kExact;
    while (!w.text.empty() && (w.text.back() == '~' || w.text.back() == '=')) w.text.pop_back();
    return w;
  }
  if (!w.text.empty() && w.text.back() == '=') {
    w.text.pop_back();
    w.mode = WordMode::kExact;
  } else if (!w.text.empty() && w.text.back() == '~') {
    w.text.pop_back();
    w.mode = WordMode::kStem;
  } else {
    w.mode = it.trailing_underscore ? WordMode::kEndings : WordMode::kStem;
  }
  return w;
}

// Synsets as raw member texts, expanded on use.
struct SynsetTable {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      raw;  // name -> (text, where)
};

Status ExpandPhrase(std::string_view text, Flavor flavor, const SynsetTable& syn, int depth,
                    const std::string& file, size_t line, std::vector<Phrase>* out);

Status ExpandSynset(const std::string& name, Flavor flavor, const SynsetTable& syn, int depth,
                    const std::string& file, size_t line, std::vector<Phrase>* out) {
  if (depth > kMaxSynsetDepth) return Bad(file, line, "synsets nested too deep at " + name);
  std::string key = !name.empty() && name[0] == '&' ? name.substr(1) : name;
  while (!key.empty() && key.back() == '_') key.pop_back();
  auto it = syn.raw.find(key);
  if (it == syn.raw.end()) return Bad(file, line, "unknown synset " + name);
  for (const auto& [member, where] : it->second) {
    NG_RETURN_IF_ERROR(ExpandPhrase(member, flavor, syn, depth + 1, file, line, out));
    if (out->size() > kMaxAlternatives)
      return Bad(file, line, "synset " + name + " expands too far");
  }
  return Status::Ok();
}

// A phrase that may hold synset references: every combination becomes one Phrase.
Status ExpandPhrase(std::string_view text, Flavor flavor, const SynsetTable& syn, int depth,
                    const std::string& file, size_t line, std::vector<Phrase>* out) {
  std::vector<Item> items;
  NG_RETURN_IF_ERROR(Lex(text, file, line, &items));
  std::vector<Phrase> acc(1);
  for (const Item& it : items) {
    std::vector<Phrase> choices;
    if (it.kind == Item::kSynset) {
      NG_RETURN_IF_ERROR(ExpandSynset(it.text, flavor, syn, depth + 1, file, line, &choices));
    } else if (it.kind == Item::kBrace) {
      return Bad(file, line, "'{' inside a synset member");
    } else {
      Phrase p;
      p.words.push_back(MakeWord(it, flavor));
      p.glued.push_back(false);
      choices.push_back(std::move(p));
    }
    std::vector<Phrase> next;
    for (const Phrase& a : acc) {
      for (const Phrase& b : choices) {
        Phrase c = a;
        if (!c.glued.empty()) c.glued.back() = it.glued_prev;
        c.words.insert(c.words.end(), b.words.begin(), b.words.end());
        c.glued.insert(c.glued.end(), b.glued.begin(), b.glued.end());
        next.push_back(std::move(c));
        if (next.size() > kMaxAlternatives) return Bad(file, line, "phrase expands too far");
      }
    }
    acc = std::move(next);
  }
  for (Phrase& p : acc)
    if (!p.words.empty()) out->push_back(std::move(p));
  return Status::Ok();
}

// Pattern text (after the leading '-') and its code.
Status ParsePattern(std::string_view body, const std::string& code, Flavor flavor,
                    const SynsetTable& syn, const std::string& file, size_t line, Pattern* p) {
  std::vector<Item> items;
  NG_RETURN_IF_ERROR(Lex(body, file, line, &items));
  bool seen_star = false;
  for (size_t k = 0; k < items.size(); ++k) {
    const Item& it = items[k];
    if (it.kind == Item::kStar) {
      if (seen_star) return Bad(file, line, "pattern has two '*'");
      seen_star = true;
      p->verb_glued_before = it.glued_prev;
      if (k + 1 < items.size()) p->verb_glued_after = items[k + 1].glued_prev;
      continue;
    }
    Elem e;
    e.glued_prev = it.glued_prev;
    switch (it.kind) {
      // weights: a literal word 4, a synset or {..|..} 3 (the literal is more specific), a marker 2
      case Item::kPlus:
        e.kind = ElemKind::kTarget;
        p->weight += 2;
        break;
      case Item::kDollar:
        e.kind = ElemKind::kSource;
        p->weight += 2;
        break;
      case Item::kPercent:
        e.kind = ElemKind::kCompound;
        p->weight += 2;
        break;
      case Item::kCaret:
        e.kind = ElemKind::kSkipActor;
        p->weight += 2;
        break;
      case Item::kSynset:
        e.kind = ElemKind::kAlt;
        NG_RETURN_IF_ERROR(ExpandSynset(it.text, flavor, syn, 0, file, line, &e.alts));
        p->weight += 3;
        break;
      case Item::kBrace: {
        e.kind = ElemKind::kAlt;
        std::string_view inner = it.text;
        size_t start = 0;
        while (start <= inner.size()) {
          size_t bar = inner.find('|', start);
          if (bar == std::string_view::npos) bar = inner.size();
          std::string_view alt = Trim(inner.substr(start, bar - start));
          if (!alt.empty())
            NG_RETURN_IF_ERROR(ExpandPhrase(alt, flavor, syn, 0, file, line, &e.alts));
          start = bar + 1;
        }
        if (e.alts.empty()) return Bad(file, line, "empty {...} alternative");
        p->weight += 3;
        break;
      }
      default:
        e.kind = ElemKind::kWord;
        e.word = MakeWord(it, flavor);
        p->weight += 4;
    }
    (seen_star ? p->after : p->before).push_back(std::move(e));
  }
  if (!seen_star) return Bad(file, line, "pattern has no '*' (verb position)");
  if (p->before.size() + p->after.size() > kMaxPatternElems)
    return Bad(file, line, "pattern too long");
  p->code = code;
  p->where = Where(file, line);
  p->text = std::string(Trim(body));
  return Status::Ok();
}

// Splits "TEXT [CODE]" into its parts; code_out is "" when there is no bracket.
Status SplitCode(std::string_view s, const std::string& file, size_t line, std::string_view* text,
                 std::string* code) {
  size_t open = s.find('[');
  if (open == std::string_view::npos) {
    if (s.find(']') != std::string_view::npos) return Bad(file, line, "']' without '['");
    *text = Trim(s);
    code->clear();
    return Status::Ok();
  }
  size_t close = s.find(']', open);
  if (close == std::string_view::npos) return Bad(file, line, "'[' without ']'");
  *text = Trim(s.substr(0, open));
  *code = Upper(Trim(s.substr(open + 1, close - open - 1)));
  if (code->empty()) return Bad(file, line, "empty code '[]'");
  return Status::Ok();
}

// Phrase for actors/agents/discards/verb heads: '_' and ' ' both join words that must be
// adjacent, except in verb heads where ' ' allows a gap ("BURN DOWN" ~ "burned it down").
Status ParseNounPhrase(std::string_view text, Flavor flavor, bool spaces_glue,
                       const std::string& file, size_t line, Phrase* p) {
  std::vector<Item> items;
  NG_RETURN_IF_ERROR(Lex(text, file, line, &items));
  for (const Item& it : items) {
    if (it.kind == Item::kBrace) return Bad(file, line, "unexpected '{' in a name");
    if (!p->words.empty()) p->glued.back() = spaces_glue || it.glued_prev;
    Item w = it;
    if (w.kind != Item::kWordItem) w.text = it.text;  // "+", "$" inside a name are plain characters
    p->words.push_back(MakeWord(w, flavor));
    p->glued.push_back(false);
  }
  if (p->words.empty()) return Bad(file, line, "empty name");
  return Status::Ok();
}

bool ParseDate(std::string_view s, int* out) {
  s = Trim(s);
  if (s.size() != 6 && s.size() != 8) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  int v = std::stoi(std::string(s));
  if (s.size() == 6) v += (v / 10000 < 40 ? 20000000 : 19000000);  // YYMMDD: 00-39 are 20xx
  *out = v;
  return true;
}

// "[CODE]", "[CODE <YYMMDD]", "[CODE >YYMMDD]", "[CODE YYMMDD-YYMMDD]", "[~GOV]", "[NGO~]".
Status ParseCodeBlock(std::string_view block, const std::string& file, size_t line, DatedCode* dc) {
  block = Trim(block);
  size_t sp = 0;
  while (sp < block.size() && !std::isspace(static_cast<unsigned char>(block[sp])) &&
         block[sp] != '<' && block[sp] != '>')
    ++sp;
  dc->code = Upper(block.substr(0, sp));
  std::string_view rest = Trim(block.substr(sp));
  if (dc->code.empty())
    return Bad(file, line, "code block has no code: [" + std::string(block) + "]");
  if (std::isdigit(static_cast<unsigned char>(dc->code[0])) && dc->code.size() >= 6 &&
      dc->code.find('-') != std::string::npos)
    return Bad(file, line, "code block has a date but no code: [" + std::string(block) + "]");
  if (rest.empty()) return Status::Ok();
  dc->restricted = true;
  if (rest[0] == '<') {
    if (!ParseDate(rest.substr(1), &dc->to))
      return Bad(file, line, "bad date in [" + std::string(block) + "]");
    dc->to -= 1;
  } else if (rest[0] == '>') {
    if (!ParseDate(rest.substr(1), &dc->from))
      return Bad(file, line, "bad date in [" + std::string(block) + "]");
    dc->from += 1;
  } else {
    size_t dash = rest.find('-');
    if (dash == std::string_view::npos || !ParseDate(rest.substr(0, dash), &dc->from) ||
        !ParseDate(rest.substr(dash + 1), &dc->to))
      return Bad(file, line, "bad date range in [" + std::string(block) + "]");
  }
  return Status::Ok();
}

// All "[...]" blocks of a line.
Status CodeBlocks(std::string_view s, const std::string& file, size_t line,
                  std::vector<DatedCode>* out, std::string_view* before) {
  size_t open = s.find('[');
  *before = Trim(s.substr(0, open == std::string_view::npos ? s.size() : open));
  while (open != std::string_view::npos) {
    size_t close = s.find(']', open);
    if (close == std::string_view::npos) return Bad(file, line, "'[' without ']'");
    DatedCode dc;
    NG_RETURN_IF_ERROR(ParseCodeBlock(s.substr(open + 1, close - open - 1), file, line, &dc));
    out->push_back(std::move(dc));
    open = s.find('[', close);
  }
  size_t stray = s.rfind(']');
  if (stray != std::string_view::npos && s.find('[') == std::string_view::npos)
    return Bad(file, line, "']' without '['");
  return Status::Ok();
}

// PETRARCH never matches a pattern naming a synset nobody defined; we skip it with a warning
// rather than refuse the whole dictionary.
bool UnknownSynset(const Status& st) {
  return !st.ok() && st.message().find(": unknown synset ") != std::string::npos;
}

// One "- pattern [code]" line (the text after the '-') of either dictionary: parsed and appended
// to *out, or skipped with a warning when it names an unknown synset.
Status AddPatternLine(std::string_view line, Flavor flavor, const SynsetTable& syn,
                      const std::string& file, size_t n, Dictionaries* d, std::vector<Pattern>* out) {
  std::string_view body;
  std::string code;
  NG_RETURN_IF_ERROR(SplitCode(line, file, n, &body, &code));
  if (code.empty()) return Bad(file, n, "pattern without a [code]");
  Pattern p;
  Status st = ParsePattern(body, code, flavor, syn, file, n, &p);
  if (UnknownSynset(st)) {
    d->warnings.push_back(st.message() + " (pattern skipped)");
    return Status::Ok();
  }
  NG_RETURN_IF_ERROR(st);
  out->push_back(std::move(p));
  return Status::Ok();
}

void SortPatterns(VerbEntry* v) {
  std::stable_sort(v->patterns.begin(), v->patterns.end(),
                   [](const Pattern& a, const Pattern& b) { return a.weight > b.weight; });
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != ',') ++j;
    if (j > i) out.push_back(Upper(s.substr(i, j - i)));
    i = j;
  }
  return out;
}

// Agent and actor codes keep their "~" placement; the coder reads it.
void AddAgent(const Phrase& p, const std::string& raw_code, const std::string& where,
              Dictionaries* d) {
  AgentEntry a;
  a.phrase = p;
  std::string code = raw_code;
  code.erase(std::remove_if(code.begin(), code.end(),
                            [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
             code.end());
  if (!code.empty() && code.back() == '~') {
    a.prefix = true;
    code.pop_back();
  }
  if (!code.empty() && code.front() == '~') code.erase(0, 1);
  a.code = code;
  a.where = where;
  d->agents.push_back(std::move(a));
}

std::string RegularPlural(const std::string& w) {
  auto ends = [&](std::string_view s) {
    return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("S") || ends("X") || ends("CH") || ends("SH") || ends("Z")) return w + "ES";
  if (ends("Y") && w.size() > 1 &&
      std::string_view("AEIOU").find(w[w.size() - 2]) == std::string_view::npos)
    return w.substr(0, w.size() - 1) + "IES";
  return w + "S";
}

}  // namespace

// ---- TABARI ---------------------------------------------------------------------------------

Status ReadTabariVerbs(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  SynsetTable syn;
  // Pass 1: synsets (they are used by patterns anywhere in the file).
  {
    bool in = false;
    std::string current;
    for (size_t n = 0; n < lines.size(); ++n) {
      std::string_view l = StripComment(lines[n], Flavor::kTabari);
      if (l == "<SYNSETS>") {
        in = true;
        continue;
      }
      if (l == "</SYNSETS>") {
        in = false;
        continue;
      }
      if (!in || l.empty()) continue;
      if (l[0] == '&')
        current = Upper(Trim(l.substr(1)));
      else if (l[0] == '+' && !current.empty())
        syn.raw[current].push_back({std::string(Trim(l.substr(1))), Where(file, n + 1)});
      else
        return Bad(file, n + 1, "synset line is neither '&NAME' nor '+member'");
    }
  }
  enum { kVerbs, kSynsets, kTime } section = kVerbs;
  VerbEntry* cur = nullptr;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    std::string_view l = StripComment(lines[n], Flavor::kTabari);
    if (l.empty()) continue;
    if (l.substr(0, 2) == "~~") break;  // "~~FINISH"
    if (l == "<SYNSETS>") {
      section = kSynsets;
      continue;
    }
    if (l == "<TIME>") {
      section = kTime;
      continue;
    }
    if (l == "</SYNSETS>" || l == "</TIME>") {
      section = kVerbs;
      continue;
    }
    if (section == kTime && l[0] != '-') {
      // time shifts ("LAST_WEEK [-7]") are not applied; a "[###]" time phrase discards the sentence
      std::string_view phrase;
      std::string code;
      NG_RETURN_IF_ERROR(SplitCode(l, file, n + 1, &phrase, &code));
      if (code == "###") {
        Phrase p;
        NG_RETURN_IF_ERROR(ParseNounPhrase(phrase, Flavor::kTabari, false, file, n + 1, &p));
        d->sentence_discards.push_back(std::move(p));
      }
      continue;
    }
    if (section != kVerbs) continue;
    if (l[0] == '<') {
      d->warnings.push_back(Where(file, n + 1) + ": unknown tag skipped");
      continue;
    }
    if (l[0] == '-') {
      if (cur == nullptr) return Bad(file, n + 1, "pattern before any verb");
      NG_RETURN_IF_ERROR(AddPatternLine(l.substr(1), Flavor::kTabari, syn, file, n + 1, d, &cur->patterns));
      continue;
    }
    if (l[0] == '{') {
      if (cur == nullptr) return Bad(file, n + 1, "verb forms before any verb");
      size_t close = l.find('}');
      if (close == std::string_view::npos) return Bad(file, n + 1, "'{' without '}'");
      for (std::string& w : SplitWords(l.substr(1, close - 1))) {
        while (!w.empty() && w.back() == '_') w.pop_back();
        cur->forms.push_back(w);
      }
      continue;
    }
    std::string_view head;
    std::string code;
    NG_RETURN_IF_ERROR(SplitCode(l, file, n + 1, &head, &code));
    if (code.empty()) return Bad(file, n + 1, "verb without a [code]");
    VerbEntry v;
    NG_RETURN_IF_ERROR(ParseNounPhrase(head, Flavor::kTabari, false, file, n + 1, &v.head));
    v.code = code;
    v.where = Where(file, n + 1);
    if (cur != nullptr) SortPatterns(cur);
    d->verbs.push_back(std::move(v));
    cur = &d->verbs.back();
  }
  if (cur != nullptr) SortPatterns(cur);
  return Status::Ok();
}

// The group an actor or agent list builds: names (with "+" synonyms) that share the code lines
// after them.
struct NameGroup {
  std::vector<Phrase> names;
  std::vector<DatedCode> codes;
  std::string where;  // file:line of the group's first name
};

// One line of an actor/agent list: "NAME [CODE]…", "+SYNONYM [CODE]…" or an indented
// "[CODE]…" for the names above. A new name first hands the finished group to `done`, which
// stores it and clears it.
template <class Done>
Status AddNameLine(std::string_view l, Flavor flavor, bool petrarch_phrase, const std::string& file, size_t n,
                   NameGroup* g, Done&& done) {
  std::vector<DatedCode> codes;
  std::string_view name;
  NG_RETURN_IF_ERROR(CodeBlocks(l, file, n + 1, &codes, &name));
  if (name.empty()) {
    if (g->names.empty()) return Bad(file, n + 1, "code line without a name");
    g->codes.insert(g->codes.end(), codes.begin(), codes.end());
    return Status::Ok();
  }
  if (name[0] == '+') {
    if (g->names.empty()) return Bad(file, n + 1, "'+' synonym without a name above it");
    name = Trim(name.substr(1));
  } else {
    done();
    g->where = Where(file, n + 1);
  }
  Phrase p;
  NG_RETURN_IF_ERROR(ParseNounPhrase(name, flavor, petrarch_phrase, file, n + 1, &p));
  g->names.push_back(std::move(p));
  g->codes.insert(g->codes.end(), codes.begin(), codes.end());
  return Status::Ok();
}

Status ReadTabariActors(std::string_view text, const std::string& file, bool agents,
                        Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  NameGroup g;  // names waiting for their code lines
  auto flush = [&]() {
    if (!g.names.empty() && !g.codes.empty()) {
      for (const Phrase& p : g.names) {
        if (agents || (g.codes.size() == 1 && !g.codes[0].code.empty() &&
                       (g.codes[0].code[0] == '~' || g.codes[0].code.back() == '~'))) {
          AddAgent(p, g.codes[0].code, g.where, d);
        } else {
          d->actors.push_back({p, g.codes, g.where});
        }
      }
    } else if (!g.names.empty()) {
      d->warnings.push_back(g.where + ": name without a code skipped");
    }
    g.names.clear();
    g.codes.clear();
  };
  enum { kMain, kNoun, kAdj } section = kMain;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    std::string_view raw = lines[n];
    std::string_view l = StripComment(raw, Flavor::kTabari);
    if (l.empty()) continue;
    if (l.substr(0, 2) == "~~") break;
    if (l == "<NOUN>") {
      flush();
      section = kNoun;
      continue;
    }
    if (l == "<ADJECTIVE>") {
      flush();
      section = kAdj;
      continue;
    }
    if (l == "</NOUN>" || l == "</ADJECTIVE>") {
      section = kMain;
      continue;
    }
    if (section != kMain) {
      (section == kNoun ? d->nouns : d->adjectives).push_back(Upper(l));
      continue;
    }
    if (l[0] == '<') {
      d->warnings.push_back(Where(file, n + 1) + ": unknown tag skipped");
      continue;
    }
    // TABARI actor names: "_" joins adjacent words, " " lets words come between ("AL GORE"
    // matches 'Al "The Weasel" Gore').
    NG_RETURN_IF_ERROR(AddNameLine(l, Flavor::kTabari, false, file, n, &g, flush));
  }
  flush();
  return Status::Ok();
}

Status ReadTabariOptions(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    std::string_view l = Trim(lines[n]);
    if (l.empty() || l.substr(0, 2) == "//" || l.substr(0, 2) == "~~") continue;
    size_t colon = l.find(':');
    if (colon == std::string_view::npos) return Bad(file, n + 1, "option line without ':'");
    std::string kind = Upper(Trim(l.substr(0, colon)));
    std::string_view rest = Trim(l.substr(colon + 1));
    if (kind == "SET") {
      size_t eq = rest.find('=');
      if (eq == std::string_view::npos)
        d->options[Upper(rest)] = "TRUE";
      else
        d->options[Upper(Trim(rest.substr(0, eq)))] = Upper(Trim(rest.substr(eq + 1)));
    } else if (kind == "COMMA" || kind == "DEFAULT") {
      d->options[kind] = Upper(rest);  // applied by the coder
    } else if (kind == "COMPLEX" || kind == "OUTPUT" || kind == "LABEL" || kind == "FORWARD") {
      d->options[kind] = Upper(rest);  // read; not applied by this coder
    } else {
      d->warnings.push_back(Where(file, n + 1) + ": unknown option " + kind);
    }
  }
  return Status::Ok();
}

// ---- PETRARCH -------------------------------------------------------------------------------

Status ReadPetrarchVerbs(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  SynsetTable syn;
  {  // pass 1: "&NAME" then "+member" lines, anywhere
    std::string current;
    bool open = false;
    for (size_t n = 0; n < lines.size(); ++n) {
      if (InXmlComment(lines[n], &open)) {
        current.clear();
        continue;
      }
      if (Trim(lines[n]).substr(0, 1) == "#") continue;  // a comment line does not end a synset
      std::string_view l = StripComment(lines[n], Flavor::kPetrarch);
      if (l.empty()) {
        current.clear();
        continue;
      }
      if (l[0] == '&')
        current = Upper(Trim(l.substr(1)));
      else if (l[0] == '+' && !current.empty())
        syn.raw[current].push_back({std::string(Trim(l.substr(1))), Where(file, n + 1)});
      else
        current.clear();
    }
    for (auto& [name, members] : syn.raw) {
      std::string k = name;
      while (!k.empty() && k.back() == '_') k.pop_back();
      if (k != name) syn.raw[k] = members;
    }
  }
  std::string block_code;
  std::vector<size_t> block_verbs;  // indices in d->verbs of the current block
  std::vector<Pattern> block_patterns;
  bool in_synset = false;
  auto close_block = [&]() {
    for (size_t i : block_verbs) {
      VerbEntry& v = d->verbs[i];
      v.patterns.insert(v.patterns.end(), block_patterns.begin(), block_patterns.end());
      SortPatterns(&v);
    }
    block_verbs.clear();
    block_patterns.clear();
  };
  bool open = false;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    if (InXmlComment(lines[n], &open)) continue;
    if (Trim(lines[n]).substr(0, 1) == "#") continue;
    std::string_view l = StripComment(lines[n], Flavor::kPetrarch);
    if (l.empty()) {
      in_synset = false;
      continue;
    }
    if (l[0] == '&') {
      in_synset = true;
      continue;
    }
    if (l[0] == '+' && in_synset) continue;
    in_synset = false;
    if (l.substr(0, 3) == "---") {
      close_block();
      std::string_view inner = Trim(l.substr(3));
      if (inner.size() >= 3 && inner.substr(inner.size() - 3) == "---")
        inner = Trim(inner.substr(0, inner.size() - 3));
      std::string_view name;
      NG_RETURN_IF_ERROR(SplitCode(inner, file, n + 1, &name, &block_code));
      if (block_code.empty()) return Bad(file, n + 1, "verb block without a [code]");
      continue;
    }
    if (l[0] == '-') {
      if (block_code.empty())
        return Bad(file, n + 1, "pattern outside a '--- VERB [code] ---' block");
      NG_RETURN_IF_ERROR(AddPatternLine(l.substr(1), Flavor::kPetrarch, syn, file, n + 1, d, &block_patterns));
      continue;
    }
    if (block_code.empty()) return Bad(file, n + 1, "verb outside a '--- VERB [code] ---' block");
    std::string_view head = l[0] == '+' ? Trim(l.substr(1)) : l;
    std::string forms_text;
    size_t brace = head.find('{');
    std::string head_owned;
    if (brace != std::string_view::npos) {
      size_t close = head.find('}', brace);
      if (close == std::string_view::npos) return Bad(file, n + 1, "'{' without '}'");
      forms_text = std::string(head.substr(brace + 1, close - brace - 1));
      head_owned = std::string(head.substr(0, brace)) + std::string(head.substr(close + 1));
      head = head_owned;
    }
    std::string_view name;
    std::string code;
    NG_RETURN_IF_ERROR(SplitCode(head, file, n + 1, &name, &code));
    std::string clean;
    for (char c : name)
      if (c != '+') clean.push_back(c);
    VerbEntry v;
    NG_RETURN_IF_ERROR(ParseNounPhrase(clean, Flavor::kPetrarch, false, file, n + 1, &v.head));
    for (std::string& w : SplitWords(forms_text)) {
      std::replace(w.begin(), w.end(), '_', ' ');
      v.forms.push_back(w.substr(0, w.find(' ')));
    }
    v.code = code.empty() ? block_code : code;
    v.where = Where(file, n + 1);
    block_verbs.push_back(d->verbs.size());
    d->verbs.push_back(std::move(v));
  }
  close_block();
  return Status::Ok();
}

Status ReadPetrarchActors(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  NameGroup g;
  auto flush = [&]() {
    if (!g.names.empty() && !g.codes.empty())
      for (const Phrase& p : g.names) d->actors.push_back({p, g.codes, g.where});
    else if (!g.names.empty())
      d->warnings.push_back(g.where + ": actor without a code skipped");
    g.names.clear();
    g.codes.clear();
  };
  bool open = false;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    if (InXmlComment(lines[n], &open)) continue;
    std::string_view l = StripComment(lines[n], Flavor::kPetrarch);
    if (l.empty()) continue;
    NG_RETURN_IF_ERROR(AddNameLine(l, Flavor::kPetrarch, true, file, n, &g, flush));
  }
  flush();
  return Status::Ok();
}

Status ReadPetrarchAgents(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  std::map<std::string, std::vector<std::string>> macros;  // "!PERSON!" -> MAN, MEN, ...
  bool open = false;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    if (InXmlComment(lines[n], &open)) continue;
    std::string_view l = StripComment(lines[n], Flavor::kPetrarch);
    if (l.empty()) continue;
    if (l[0] == '!' && l.find('[') == std::string_view::npos) {
      size_t eq = l.find('=');
      if (eq == std::string_view::npos) return Bad(file, n + 1, "'!NAME!' without '='");
      macros[Upper(Trim(l.substr(0, eq)))] = SplitWords(l.substr(eq + 1));
      continue;
    }
    std::string plurals;
    bool has_braces = false;
    std::string line(l);
    size_t brace = line.find('{');
    if (brace != std::string::npos) {
      size_t close = line.find('}', brace);
      if (close == std::string::npos) return Bad(file, n + 1, "'{' without '}'");
      plurals = line.substr(brace + 1, close - brace - 1);
      has_braces = true;
      line.erase(brace, close - brace + 1);
    }
    std::string_view name;
    std::string code;
    NG_RETURN_IF_ERROR(SplitCode(line, file, n + 1, &name, &code));
    if (code.empty()) return Bad(file, n + 1, "agent without a [code]");
    // Expand "!MACRO!" substitutions into one name per member.
    std::vector<std::string> names{Upper(name)};
    for (int guard = 0; guard < 8; ++guard) {
      std::vector<std::string> next;
      bool any = false;
      for (const std::string& nm : names) {
        size_t a = nm.find('!');
        size_t b = a == std::string::npos ? a : nm.find('!', a + 1);
        if (b == std::string::npos) {
          next.push_back(nm);
          continue;
        }
        auto it = macros.find(nm.substr(a, b - a + 1));
        if (it == macros.end())
          return Bad(file, n + 1, "unknown substitution " + nm.substr(a, b - a + 1));
        for (const std::string& m : it->second)
          next.push_back(nm.substr(0, a) + m + nm.substr(b + 1));
        any = true;
      }
      names = std::move(next);
      if (!any) break;
    }
    for (const std::string& nm : names) {
      Phrase p;
      NG_RETURN_IF_ERROR(ParseNounPhrase(nm, Flavor::kPetrarch, true, file, n + 1, &p));
      AddAgent(p, code, Where(file, n + 1), d);
      std::vector<std::string> forms;
      if (has_braces) {
        for (std::string& w : SplitWords(plurals)) forms.push_back(w);
      } else {
        Phrase q = p;
        q.words.back().text = RegularPlural(q.words.back().text);
        AddAgent(q, code, Where(file, n + 1), d);
      }
      for (const std::string& f : forms) {
        Phrase q;
        NG_RETURN_IF_ERROR(ParseNounPhrase(f, Flavor::kPetrarch, true, file, n + 1, &q));
        AddAgent(q, code, Where(file, n + 1), d);
      }
    }
  }
  return Status::Ok();
}

Status ReadPetrarchDiscards(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  bool open = false;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].size() > kMaxLineBytes) return Bad(file, n + 1, "line too long");
    if (InXmlComment(lines[n], &open)) continue;
    std::string_view l = StripComment(lines[n], Flavor::kPetrarch);
    size_t semi = l.find(';');  // some entries carry TABARI-style ";" notes
    if (semi != std::string_view::npos) l = Trim(l.substr(0, semi));
    if (l.empty()) continue;
    bool story = l[0] == '+';
    if (story) l = Trim(l.substr(1));
    if (l.empty()) return Bad(file, n + 1, "empty discard phrase");
    Phrase p;
    NG_RETURN_IF_ERROR(ParseNounPhrase(l, Flavor::kPetrarch, true, file, n + 1, &p));
    (story ? d->story_discards : d->sentence_discards).push_back(std::move(p));
  }
  return Status::Ok();
}

Status ReadPetrarchConfig(std::string_view text, const std::string& file, Dictionaries* d) {
  std::vector<std::string_view> lines = Lines(text);
  std::string section;
  for (size_t n = 0; n < lines.size(); ++n) {
    std::string_view l = Trim(lines[n]);
    if (l.empty() || l[0] == '#' || l[0] == ';') continue;
    if (l[0] == '[') {
      if (l.back() != ']') return Bad(file, n + 1, "section without ']'");
      section = Upper(l.substr(1, l.size() - 2));
      continue;
    }
    size_t eq = l.find('=');
    if (eq == std::string_view::npos) eq = l.find(':');
    if (eq == std::string_view::npos) return Bad(file, n + 1, "config line without '='");
    if (section == "OPTIONS")
      d->options[Upper(Trim(l.substr(0, eq)))] = Upper(Trim(l.substr(eq + 1)));
  }
  return Status::Ok();
}

}  // namespace ng::foreign
