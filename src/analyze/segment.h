// segment.h — sentences (ICU BreakIterator + our abbreviation merge rule) and word tokens.
//
// ICU's sentence rules break after "U.S." or "Dr." when a capital follows; we merge those
// breaks back unless the next word opens a sentence ("... in the U.S. He said" splits,
// "U.S. Secretary of State" does not). Tokens are our own: "U.S." and "2,500" stay whole,
// "Iran's" is "Iran" + "'s", "U.S.-led" is "U.S." "-" "led". All offsets are UTF-8 bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/resources.h"
#include "newsgraph/analyze.h"

namespace ng {

// Sentence spans over text[0, text.size()), whitespace-trimmed, none longer than max_bytes.
std::vector<Span> SplitSentences(const Resources& res, std::string_view text, size_t max_bytes);

// Appends the tokens of text[begin, end).
void Tokenize(const Resources* res, std::string_view text, size_t begin, size_t end,
              std::vector<Span>* out);

// Lowercase (full Unicode; ASCII fast path).
std::string Lower(std::string_view s);
void LowerInto(std::string_view s, std::string* out);  // appends

// True when the first code point of s is an upper-case letter.
bool StartsUpper(std::string_view s);
// True when s has a letter and no lower-case letters ("NATO", "U.S.").
bool AllUpper(std::string_view s);

// Cuts text to at most max_bytes at a UTF-8 code point boundary.
size_t Utf8Floor(std::string_view text, size_t max_bytes);

}  // namespace ng
