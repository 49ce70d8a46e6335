#include "ingest/http_message.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace ng::ingest {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view HeaderValue(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return {};
}

Headers ParseHeaderLines(std::string_view block) {
  Headers out;
  size_t pos = 0;
  while (pos < block.size()) {
    size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {  // obsolete line folding
      out.back().second += ' ';
      out.back().second += Trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    out.emplace_back(std::string(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return out;
}

void ParseContentType(std::string_view value, std::string* media_type, std::string* charset) {
  size_t semi = value.find(';');
  *media_type = ToLower(Trim(value.substr(0, semi)));
  charset->clear();
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = Trim(value.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!EqualsIgnoreCase(Trim(param.substr(0, eq)), "charset")) continue;
    std::string_view v = Trim(param.substr(eq + 1));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
      v = v.substr(1, v.size() - 2);
    *charset = std::string(v);
  }
}

Status ParseResponseHead(std::string_view message, int* status, Headers* headers, size_t* head_end) {
  size_t end = message.find("\r\n\r\n");
  size_t skip = 4;
  size_t lf = message.find("\n\n");
  if (lf != std::string_view::npos && (end == std::string_view::npos || lf < end)) { end = lf; skip = 2; }
  if (end == std::string_view::npos) return DataLoss("HTTP response head has no end (no blank line)");
  std::string_view head = message.substr(0, end);
  size_t eol = head.find('\n');
  std::string_view status_line = Trim(head.substr(0, eol));
  if (status_line.substr(0, 5) != "HTTP/")
    return DataLoss("HTTP response does not start with a status line: '" +
                    std::string(status_line.substr(0, 40)) + "'");
  size_t sp = status_line.find(' ');
  int code = 0;
  if (sp != std::string_view::npos) {
    for (size_t i = sp + 1; i < status_line.size() && std::isdigit(static_cast<unsigned char>(status_line[i])) && i < sp + 4; ++i)
      code = code * 10 + (status_line[i] - '0');
  }
  if (code < 100 || code > 999) return DataLoss("HTTP status line has no status code: '" + std::string(status_line.substr(0, 40)) + "'");
  *status = code;
  *headers = eol == std::string_view::npos ? Headers{} : ParseHeaderLines(head.substr(eol + 1));
  *head_end = end + skip;
  return Status::Ok();
}

Status Dechunk(std::string_view in, std::string* out, uint64_t max_bytes) {
  out->clear();
  size_t pos = 0;
  for (;;) {
    size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) return DataLoss("chunked body truncated (no chunk size line)");
    std::string_view line = Trim(in.substr(pos, eol - pos));
    line = line.substr(0, line.find(';'));
    uint64_t n = 0;
    if (line.empty()) return DataLoss("chunked body: empty chunk size line");
    for (char c : line) {
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0 || n > (1ull << 40)) return DataLoss("chunked body: bad chunk size '" + std::string(line.substr(0, 20)) + "'");
      n = n * 16 + static_cast<uint64_t>(d);
    }
    pos = eol + 1;
    if (n == 0) return Status::Ok();  // trailers ignored
    if (out->size() + n > max_bytes) return ResourceExhausted("chunked body over " + std::to_string(max_bytes) + " bytes");
    if (pos + n > in.size()) {
      out->append(in.substr(pos));
      return DataLoss("chunked body truncated inside a chunk");
    }
    out->append(in.substr(pos, n));
    pos += n;
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
}

Status Inflate(std::string_view in, std::string* out, uint64_t max_bytes) {
  out->clear();
  z_stream z{};
  // 15 + 32: zlib or gzip header, auto-detected; raw deflate is retried below.
  bool raw = in.size() >= 2 && !(static_cast<unsigned char>(in[0]) == 0x1f) &&
             ((static_cast<unsigned char>(in[0]) * 256 + static_cast<unsigned char>(in[1])) % 31 != 0);
  if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) return Internal("zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  Status st;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > max_bytes) { st = ResourceExhausted("decoded body over " + std::to_string(max_bytes) + " bytes"); break; }
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) { st = DataLoss("compressed body truncated"); break; }
    if (rc != Z_OK) { st = DataLoss(std::string("compressed body corrupt: ") + (z.msg ? z.msg : "zlib error")); break; }
  }
  inflateEnd(&z);
  return st;
}

Status RecordFromHttpResponse(std::string_view message, uint64_t max_payload_bytes, Record* record) {
  size_t head_end = 0;
  NG_RETURN_IF_ERROR(ParseResponseHead(message, &record->http_status, &record->headers, &head_end));
  std::string_view body = message.substr(head_end);
  ParseContentType(HeaderValue(record->headers, "Content-Type"), &record->content_type, &record->charset);
  std::string dechunked;
  if (ToLower(HeaderValue(record->headers, "Transfer-Encoding")).find("chunked") != std::string::npos) {
    Status st = Dechunk(body, &dechunked, max_payload_bytes);
    // Crawlers often store the dechunked body while keeping the header: fall back to it as is.
    if (!st.ok() && dechunked.empty()) dechunked = std::string(body);
    else if (!st.ok()) return Status(st.code(), "Transfer-Encoding: chunked: " + st.message());
    body = dechunked;
  }
  std::string enc = ToLower(Trim(HeaderValue(record->headers, "Content-Encoding")));
  if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
    std::string inflated;
    Status st = Inflate(body, &inflated, max_payload_bytes);
    if (!st.ok()) return Status(st.code(), "Content-Encoding: " + enc + ": " + st.message());
    record->body = std::move(inflated);
    return Status::Ok();
  }
  if (!enc.empty() && enc != "identity")
    return Status(Code::kUnimplemented, "Content-Encoding '" + enc + "' is not supported in archived responses");
  if (body.size() > max_payload_bytes) return ResourceExhausted("payload over " + std::to_string(max_payload_bytes) + " bytes");
  record->body.assign(body.data(), body.size());
  return Status::Ok();
}


}  // namespace ng::ingest
