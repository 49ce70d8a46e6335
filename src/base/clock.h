// clock.h — the current time as the ISO 8601 UTC string records and databases store.
//
//   std::string t = ng::NowIso8601();   // "2024-02-07T12:00:00Z"
#pragma once

#include <string>

namespace ng {

std::string NowIso8601();  // seconds precision, UTC, "Z" suffix

}  // namespace ng
