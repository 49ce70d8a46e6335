// file.h — a whole file into a string, in one buffer of its size.
//   ng::Result<std::string> text = ng::ReadFile("data/actors.tsv");
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "newsgraph/status.h"

namespace ng {

// The file's bytes (at most max_bytes of them). kNotFound when it cannot be opened, kIoError on
// a read error. A regular file is read into a buffer of its size; anything else grows as it comes.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = SIZE_MAX);
// The rest of an open stream (stdin, a pipe, a file); `name` is for the error message.
Result<std::string> ReadStream(std::FILE* f, const std::string& name, size_t max_bytes = SIZE_MAX);

}  // namespace ng
