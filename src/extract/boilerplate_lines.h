// boilerplate_lines.h — the short lines that are page furniture, not article text: ad labels,
// share / comment / related / newsletter headings, cookie buttons, in the languages news is most
// often written in ("Advertisement", "إعلان", "Anzeige", "Реклама", "广告").
//   if (IsBoilerplatePhrase("publicité")) ...   // the table is data/boilerplate.tsv, compiled in
#pragma once

#include <string_view>

namespace ng {

// True when `line` — trimmed of decoration, ASCII letters lower-cased — is a whole line of the
// table. Letters beyond ASCII are lower-cased here ("РЕКЛАМА", "PUBLICITÉ").
bool IsBoilerplatePhrase(std::string_view line);

}  // namespace ng
