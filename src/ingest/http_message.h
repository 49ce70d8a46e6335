// http_message.h — the HTTP pieces WARC records and the fetcher share: response heads,
// Content-Type, chunked transfer coding and gzip/deflate content coding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/ingest.h"
#include "newsgraph/status.h"

namespace ng::ingest {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup; "" when absent.
std::string_view HeaderValue(const Headers& headers, std::string_view name);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view s);
std::string_view Trim(std::string_view s);

// Parses "name: value" lines (CRLF or LF) up to the end of `block`; folded lines are joined.
Headers ParseHeaderLines(std::string_view block);

// "text/html; charset=UTF-8" → ("text/html", "UTF-8").
void ParseContentType(std::string_view value, std::string* media_type, std::string* charset);

// Splits an HTTP response message into status, headers and the raw body. `head_end` receives the
// offset of the body. Error when there is no status line or no end of the head.
Status ParseResponseHead(std::string_view message, int* status, Headers* headers, size_t* head_end);

// Removes chunked transfer coding. Truncated input is an error (the prefix is kept in *out).
Status Dechunk(std::string_view in, std::string* out, uint64_t max_bytes);
// Inflates gzip or zlib/raw deflate content coding (auto-detected), up to max_bytes.
Status Inflate(std::string_view in, std::string* out, uint64_t max_bytes);

// Fills record status/headers/content type/charset/body from a complete HTTP response message,
// decoding Transfer-Encoding: chunked and Content-Encoding: gzip/deflate.
Status RecordFromHttpResponse(std::string_view message, uint64_t max_payload_bytes, Record* record);


}  // namespace ng::ingest
