// xml_pull.h — a small, forgiving XML pull parser: enough for feeds (elements, attributes,
// text, CDATA, the predefined and numeric entities). No DTDs, no external entities — by design,
// so hostile feeds cannot expand or fetch anything.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng::ingest {

struct XmlEvent {
  enum Kind { kStart, kEnd, kText, kEof };
  Kind kind = kEof;
  std::string name;  // qualified name ("atom:link") for kStart / kEnd
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string text;  // kText: decoded text (CDATA included)
  bool self_closing = false;  // kStart of <x/>: no kEnd follows
};

class XmlPull {
 public:
  explicit XmlPull(std::string_view doc);
  // Next event; an error when the input is not XML (text before the root element, a '<' that
  // starts nothing, an unterminated tag).
  Result<XmlEvent> Next();
  int line() const;

 private:
  Status Error(const std::string& what) const;
  std::string_view s_;
  size_t p_ = 0;
  bool seen_root_ = false;
};

// Decodes &lt; &gt; &amp; &quot; &apos; &#N; &#xN; (unknown entities are kept as written).
std::string DecodeXmlEntities(std::string_view s);

}  // namespace ng::ingest
