#include "analyze/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstring>
#include <memory>

namespace ng {
namespace {

inline UChar32 Decode(std::string_view s, size_t i, size_t* next) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *next = i + 1;
    return b;
  }
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  *next = static_cast<size_t>(pos);
  return c;  // < 0 for an ill-formed sequence
}

inline bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c == 0xA0 || u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

inline bool IsAlpha(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return c > 0 && (u_isalpha(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK ||
                   u_charType(c) == U_COMBINING_SPACING_MARK);
}
inline bool IsDigit(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return c > 0 && u_isdigit(c);
}
inline bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

inline bool AsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool AsciiDigit(char c) { return c >= '0' && c <= '9'; }

struct ThreadBreakIterator {
  const Resources* owner = nullptr;
  std::unique_ptr<icu::BreakIterator> it;
};

icu::BreakIterator* SentenceIterator(const Resources& res) {
  thread_local ThreadBreakIterator tl;
  if (tl.owner != &res || !tl.it) {
    tl.it.reset(res.sentence_prototype ? res.sentence_prototype->clone() : nullptr);
    tl.owner = &res;
  }
  return tl.it.get();
}

// The whitespace-delimited word ending at `end` (exclusive), stripped of leading brackets/quotes.
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0 && !IsSpace(static_cast<unsigned char>(text[b - 1]))) --b;
  std::string_view w = text.substr(b, end - b);
  while (!w.empty() && (w[0] == '(' || w[0] == '"' || w[0] == '\'' || w[0] == '[')) w.remove_prefix(1);
  return w;
}

// Words that, capitalised after "U.S." and the like, open a new sentence.
bool IsSentenceOpener(const Resources& res, std::string_view word) {
  if (word.empty() || !StartsUpper(word)) return false;
  size_t e = 0;
  while (e < word.size() && (AsciiAlpha(word[e]) || static_cast<unsigned char>(word[e]) >= 0x80)) ++e;
  std::string lower = Lower(word.substr(0, e));
  if (res.function_words.count(lower)) return true;
  // A capitalised common word that WordNet does not know as a proper name part: "Officials said".
  return false;
}

// Decides whether the ICU break at `b` (text[prev_end..b) ends with `last`) should be undone.
bool ShouldMerge(const Resources& res, std::string_view text, size_t content_end, size_t next_begin) {
  if (content_end == 0 || text[content_end - 1] != '.') return false;
  for (size_t i = content_end; i < next_begin; ++i) {
    if (text[i] == '\n') return false;  // a line break is a paragraph break in our text
  }
  std::string_view last = WordBefore(text, content_end);
  if (last.empty()) return false;
  // Decimal or ordinal list marker ("No. 5") is handled by the abbreviation table; a lone
  // capital initial ("J. Smith") never ends a sentence.
  bool initial = last.size() == 2 && StartsUpper(last);
  auto it = res.abbreviations.find(last);
  if (!initial && it == res.abbreviations.end()) {
    // Multi-letter acronyms with periods ("U.S.A.", "D.C.") behave like names.
    bool acronym = last.size() >= 4;
    for (size_t i = 0; i < last.size() && acronym; i += 2) {
      acronym = i + 1 < last.size() && AsciiAlpha(last[i]) && last[i + 1] == '.';
    }
    if (!acronym) return false;
  }
  std::string_view next = text.substr(next_begin, std::min<size_t>(64, text.size() - next_begin));
  if (initial || (it != res.abbreviations.end() && it->second == AbbrevKind::kTitle)) return true;
  return !IsSentenceOpener(res, next);
}

// ":)", ":-)", ":(", ";)", ":D", ":P" followed by a space or the end; 0 otherwise.
size_t Emoticon(std::string_view text, size_t i, size_t end) {
  if (text[i] != ':' && text[i] != ';') return 0;
  size_t j = i + 1;
  if (j < end && text[j] == '-') ++j;
  if (j >= end || !std::strchr(")(DPp", text[j])) return 0;
  ++j;
  if (j < end && !std::isspace(static_cast<unsigned char>(text[j]))) return 0;
  if (text[j - 1] == 'D' || text[j - 1] == 'P' || text[j - 1] == 'p') {
    if (i > 0 && !std::isspace(static_cast<unsigned char>(text[i - 1]))) return 0;  // "Note:D"
  }
  return j - i;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if ((s[k] | 0x20) != prefix[k]) return false;
  return true;
}

// The length of a URL, e-mail address, domain or file name starting at text[i] ("http://x.org/a",
// "www.un.org", "info@un.org", "report.pdf", "paulhastings.com"): the whitespace-delimited chunk
// without trailing punctuation. 0 when the chunk is none of those.
size_t WebChunk(std::string_view text, size_t i, size_t end) {
  unsigned char c0 = static_cast<unsigned char>(text[i]);
  if (!(AsciiAlpha(static_cast<char>(c0)) || AsciiDigit(static_cast<char>(c0)))) return 0;
  // Only at the start of a chunk, so that every byte is scanned here at most once (linear time
  // even for 10 MB without a space).
  if (i > 0 && !std::isspace(static_cast<unsigned char>(text[i - 1])) && !std::strchr("([{\"'<", text[i - 1]))
    return 0;
  size_t j = i;
  while (j < end && j - i < 2048 && static_cast<unsigned char>(text[j]) > ' ' && text[j] != '"' &&
         text[j] != '<' && text[j] != '>')
    ++j;
  while (j > i && std::strchr(".,;:!?)]}'", text[j - 1])) --j;
  std::string_view chunk = text.substr(i, j - i);
  if (chunk.size() < 4 || chunk.find('.') == std::string_view::npos) return 0;
  if (StartsWithNoCase(chunk, "http://") || StartsWithNoCase(chunk, "https://") ||
      StartsWithNoCase(chunk, "ftp://") || StartsWithNoCase(chunk, "www.")) {
    return chunk.size();
  }
  size_t at = chunk.find('@');
  if (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos &&
      chunk.find('@', at + 1) == std::string_view::npos) {
    return chunk.size();
  }
  // name.ext or domain.tld: letters/digits/-/_ parts joined by dots, ending in a known suffix.
  static constexpr std::string_view kSuffixes[] = {"com", "org", "net", "edu", "gov", "html", "htm",
                                                   "pdf", "doc", "docx", "jpg", "jpeg", "gif", "png",
                                                   "xls", "xlsx", "ppt", "txt", "zip", "mp3"};
  size_t dot = chunk.rfind('.');
  std::string_view suffix = chunk.substr(dot + 1);
  bool known = false;
  for (std::string_view k : kSuffixes) known |= suffix.size() == k.size() && StartsWithNoCase(suffix, k);
  if (!known) return 0;
  for (char ch : chunk)
    if (!(AsciiAlpha(ch) || AsciiDigit(ch) || ch == '.' || ch == '-' || ch == '_' || ch == '/')) return 0;
  return chunk.size();
}

bool IsBoundPrefix(std::string_view w) {
  static constexpr std::string_view kPrefixes[] = {"e", "co", "pre", "non", "post", "mid", "semi", "multi"};
  for (std::string_view p : kPrefixes)
    if (w.size() == p.size() && StartsWithNoCase(w, p)) return true;
  return false;
}

// The length of a clitic ("s", "re", "ve", "ll", "d", "m") starting at text[i] right after an
// apostrophe and ending the word; 0 when there is none ("O'Brien", "rock'n'roll").
size_t CliticAfterApostrophe(std::string_view text, size_t i, size_t end) {
  static constexpr std::string_view kClitics[] = {"s", "re", "ve", "ll", "d", "m"};
  for (std::string_view c : kClitics) {
    if (end - i < c.size()) continue;
    bool match = true;
    for (size_t k = 0; k < c.size() && match; ++k) match = (text[i + k] | 0x20) == c[k];
    if (match && (i + c.size() >= end || !AsciiAlpha(text[i + c.size()]))) return c.size();
  }
  return 0;
}

// Appends text[b, e), split the way UD English writes fused words: "cannot" -> "can" "not",
// "gonna" -> "gon" "na", "wanna" -> "wan" "na", "gotta" -> "got" "ta" (any case).
void SplitFused(std::string_view text, size_t b, size_t e, std::vector<Span>* out) {
  if (e - b == 6 || e - b == 5) {
    std::string w(text.substr(b, e - b));
    for (char& ch : w) ch = static_cast<char>(ch | 0x20);
    size_t cut = w == "cannot" ? 3 : (w == "gonna" || w == "wanna") ? 3 : w == "gotta" ? 3 : 0;
    if (cut > 0) {
      out->push_back({b, b + cut});
      out->push_back({b + cut, e});
      return;
    }
  }
  out->push_back({b, e});
}

}  // namespace

size_t Utf8Floor(std::string_view text, size_t max_bytes) {
  if (max_bytes >= text.size()) return text.size();
  size_t i = max_bytes;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t n;
  UChar32 c = Decode(s, 0, &n);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return c > 0 && u_isupper(c);
}

bool AllUpper(std::string_view s) {
  bool letter = false;
  for (size_t i = 0; i < s.size();) {
    size_t n;
    UChar32 c = Decode(s, i, &n);
    i = n;
    if (c < 0) continue;
    if (c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c)) return false;
    if (IsAlpha(c)) letter = true;
  }
  return letter;
}

void LowerInto(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    size_t n;
    UChar32 c = Decode(s, i, &n);
    if (c < 0) {
      out->append(s.substr(i, n - i));
    } else {
      UChar32 l = u_tolower(c);
      char buf[4];
      int32_t len = 0;
      UBool err = false;
      U8_APPEND(buf, len, 4, l, err);
      if (err) out->append(s.substr(i, n - i));
      else out->append(buf, static_cast<size_t>(len));
    }
    i = n;
  }
}

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  LowerInto(s, &out);
  return out;
}

void Tokenize(const Resources* res, std::string_view text, size_t begin, size_t end,
              std::vector<Span>* out) {
  size_t i = begin;
  while (i < end) {
    size_t n;
    UChar32 c = Decode(text, i, &n);
    if (n > end) n = end;
    if (c >= 0 && IsSpace(c)) {
      i = n;
      continue;
    }
    // A clitic after a word, as the treebanks split it: "'s" / "’s", "'re", "'ve", "'ll", "'d", "'m".
    if (IsApostrophe(c) && !out->empty() && out->back().end == i) {
      size_t len = CliticAfterApostrophe(text, n, end);
      if (len > 0) {
        out->push_back({i, n + len});
        i = n + len;
        continue;
      }
    }
    // A run of one punctuation character is one token ("--", "...", "!!!", "=====", "***"), as
    // are the common emoticons; URLs, e-mail addresses and file names stay whole.
    if (c < 0x80 && c > 0 && std::strchr("-.=*!?_~#+<>", static_cast<char>(c)) && n < end && text[n] == c) {
      size_t m = n;
      while (m < end && text[m] == c) ++m;
      out->push_back({i, m});
      i = m;
      continue;
    }
    if (size_t len = Emoticon(text, i, end)) {
      out->push_back({i, i + len});
      i += len;
      continue;
    }
    if (size_t len = WebChunk(text, i, end)) {
      out->push_back({i, i + len});
      i += len;
      continue;
    }
    if (c < 0 || !(IsAlpha(c) || IsDigit(c))) {
      out->push_back({i, n});
      i = n;
      continue;
    }
    size_t start = i;
    bool split_nt = false;
    bool digits = IsDigit(c);
    size_t j = n;
    size_t letters_run = digits ? 0 : 1;
    while (j < end) {
      size_t m;
      UChar32 d = Decode(text, j, &m);
      if (m > end) break;
      if (IsAlpha(d) || IsDigit(d)) {
        j = m;
        ++letters_run;
        continue;
      }
      // Dates and phone numbers stay whole, as in the treebank: "9/11", "11/28/2000", "713-853-3989".
      // A hyphen joins only phone-like groups of 3+ digits on both sides ("15-20" stays a range).
      if (digits && (d == '/' || d == '-') && m < end && AsciiDigit(text[m]) && AsciiDigit(text[j - 1])) {
        bool all_digits = true;
        for (size_t k = start; k < j && all_digits; ++k)
          all_digits = AsciiDigit(text[k]) || text[k] == '/' || text[k] == '-';
        if (d == '-') {
          size_t before = 0, after = 0;
          for (size_t k = j; k > start && AsciiDigit(text[k - 1]); --k) ++before;
          for (size_t k = m; k < end && AsciiDigit(text[k]); ++k) ++after;
          if (before < 3 || after < 3 || before > 4) all_digits = false;
        }
        if (all_digits) {
          j = m;
          continue;
        }
      }
      // Bound prefixes keep their word: "e-mail", "co-workers", "pre-war", "non-profit", "mid-July".
      if (d == '-' && !digits && m < end && AsciiAlpha(text[m]) && j - start <= 4 &&
          IsBoundPrefix(text.substr(start, j - start))) {
        j = m;
        continue;
      }
      if (digits && (d == ',' || d == '.') && m < end && AsciiDigit(text[m])) {
        // "2,500" keeps its group separators only when exactly three digits follow.
        if (d == ',') {
          size_t k = m;
          while (k < end && AsciiDigit(text[k])) ++k;
          if (k - m != 3) break;
        }
        j = m;
        continue;
      }
      if (IsApostrophe(d) && m < end && AsciiAlpha(text[m]) && !digits) {
        // "O'Brien" stays whole; "Iran's", "they're", "I'd" split before the apostrophe (the clitic
        // is taken at the top of the loop) and "didn't" before the "n": "did" "n't", "ca" "n't".
        if (CliticAfterApostrophe(text, m, end) > 0) break;
        if ((text[m] == 't' || text[m] == 'T') && (m + 1 >= end || !AsciiAlpha(text[m + 1])) &&
            j - start >= 2 && (text[j - 1] == 'n' || text[j - 1] == 'N')) {
          split_nt = true;
          break;
        }
        j = m;
        continue;
      }
      if (d == '.' && !digits) {
        std::string_view word = text.substr(start, j - start);
        // Acronyms with periods: "U.S.", "U.N.", "e.g.", "a.m."
        if (letters_run <= 2 && m + 1 < end && AsciiAlpha(text[m]) &&
            (text[m + 1] == '.' || (m + 2 < end && AsciiAlpha(text[m + 1]) && text[m + 2] == '.'))) {
          j = m;
          letters_run = 0;
          continue;
        }
        bool in_acronym = j - start >= 2 && text[j - 2] == '.';  // "U.S" -> take the final '.'
        std::string with_dot(text.substr(start, m - start));
        bool abbrev = res && res->abbreviations.count(with_dot);
        bool initial = word.size() == 1 && StartsUpper(word);
        if (in_acronym || abbrev || initial) j = m;
        break;
      }
      break;
    }
    if (split_nt) {  // "didn't" -> "did" + "n't": the apostrophe is at j, "n" at j - 1
      out->push_back({start, j - 1});
      size_t m;
      Decode(text, j, &m);
      out->push_back({j - 1, m + 1});
      i = m + 1;
      continue;
    }
    SplitFused(text, start, j, out);
    i = j;
  }
}

std::vector<Span> SplitSentences(const Resources& res, std::string_view text, size_t max_bytes) {
  std::vector<Span> raw;
  icu::BreakIterator* bi = SentenceIterator(res);
  if (bi && !text.empty()) {
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_SUCCESS(st)) bi->setText(&ut, st);
    if (U_SUCCESS(st)) {
      size_t prev = 0;
      for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
        raw.push_back({prev, static_cast<size_t>(b)});
        prev = static_cast<size_t>(b);
      }
      if (prev < text.size()) raw.push_back({prev, text.size()});
    }
    // Detach the iterator from our stack UText before it goes out of scope.
    UText empty = UTEXT_INITIALIZER;
    UErrorCode st2 = U_ZERO_ERROR;
    utext_openUTF8(&empty, "", 0, &st2);
    bi->setText(&empty, st2);
    utext_close(&empty);
    utext_close(&ut);
  }
  if (raw.empty() && !text.empty()) raw.push_back({0, text.size()});

  // Trim whitespace, merge abbreviation breaks, cut overlong sentences.
  std::vector<Span> out;
  auto trim = [&](Span s) {
    while (s.begin < s.end && IsSpace(static_cast<unsigned char>(text[s.begin]))) ++s.begin;
    while (s.end > s.begin) {
      unsigned char b = static_cast<unsigned char>(text[s.end - 1]);
      if (IsSpace(b)) { --s.end; continue; }
      if (b >= 0x80 && s.end >= 2 && static_cast<unsigned char>(text[s.end - 2]) == 0xC2 && b == 0xA0) { s.end -= 2; continue; }
      break;
    }
    return s;
  };
  for (const Span& r : raw) {
    Span s = trim(r);
    if (s.begin >= s.end) continue;
    if (!out.empty() && ShouldMerge(res, text, out.back().end, s.begin)) {
      out.back().end = s.end;
    } else {
      out.push_back(s);
    }
  }
  if (max_bytes == 0) return out;
  std::vector<Span> cut;
  cut.reserve(out.size());
  for (Span s : out) {
    while (s.end - s.begin > max_bytes) {
      size_t limit = s.begin + max_bytes;
      size_t at = limit;
      while (at > s.begin + max_bytes / 2 && !IsSpace(static_cast<unsigned char>(text[at]))) --at;
      if (at <= s.begin + max_bytes / 2) at = s.begin + Utf8Floor(text.substr(s.begin), max_bytes);
      if (at <= s.begin) at = limit;
      Span piece = trim({s.begin, at});
      if (piece.begin < piece.end) cut.push_back(piece);
      s = trim({at, s.end});
    }
    if (s.begin < s.end) cut.push_back(s);
  }
  return cut;
}

}  // namespace ng
