// csv.h — one RFC 4180 field: quoted (with doubled quotes) only when it holds , " CR or LF.
#pragma once

#include <string>
#include <string_view>

namespace ng {

std::string CsvField(std::string_view s);

}  // namespace ng
