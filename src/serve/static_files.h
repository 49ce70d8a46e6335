// static_files.h — files compiled into the binary (src/serve/embed_files.cmake): the OpenAPI
// description and the web UI. The server answers only paths in this table, never a path on disk.
#pragma once

#include <cstddef>
#include <string_view>

namespace ng {

struct StaticFile {
  const char* path;          // "/api/openapi.json", "/index.html", "/assets/app.js"
  const char* content_type;
  const char* data;
  size_t size;
};

// The file served at `path`, or nullptr.
const StaticFile* FindStaticFile(std::string_view path);

}  // namespace ng
