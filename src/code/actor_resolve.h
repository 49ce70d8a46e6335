// actor_resolve.h — internals of ng::ResolveActor (include/newsgraph/code.h), shared with the
// codebook loader (which builds the name index) and the unit tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "code/codebook.h"

namespace ng {
namespace code {

// One word of a phrase as the resolver sees it: letters and digits only, lowercase; "'s" and a
// trailing "'" mark the word before as a possessive; "-", "." and "/" split words ("U.S." -> u s,
// "ex-president" -> ex president); commas and brackets end a segment.
struct NormWord {
  std::string key;          // lowercase letters/digits (UTF-8 bytes kept as they are)
  size_t begin = 0, end = 0;  // byte offsets in the text given to NormWords
  bool upper = false;       // first letter upper case
  bool all_upper = false;   // every letter upper case ("UK", "FSB")
  bool inner_upper = false; // a capital after the first letter too ("AfD", "PiS", "McCain")
  bool possessive = false;  // followed by 's or '
  bool boundary = false;    // followed by , ; : ( ) or a dash between spaces
};
std::vector<NormWord> NormWords(std::string_view text, size_t offset = 0);
// The index key of a table name: its NormWords keys joined by one space.
std::string NormKey(std::string_view name);

// Fills book->names from organizations, leaders, nations (names, demonyms, capitals) and agents.
void BuildNameIndex(Codebook* book);

}  // namespace code
}  // namespace ng
