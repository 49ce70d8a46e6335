// feed_reader.cc — RSS 2.0 / RSS 1.0 (RDF) / Atom 1.0 on the XmlPull parser, with namespaces
// and xml:base resolved, relative links made absolute.
#include <curl/curl.h>

#include <map>

#include "ingest/http_message.h"
#include "ingest/xml_pull.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kRss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct Frame {
  std::string ns, local;
  std::map<std::string, std::string> prefixes;  // declarations made on this element
  std::string base;
  std::string text;  // text collected for simple fields
};

std::string_view Attr(const ingest::XmlEvent& ev, std::string_view name) {
  for (const auto& [k, v] : ev.attrs)
    if (k == name) return v;
  return {};
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  std::string r(ingest::Trim(ref));
  if (r.empty()) return std::string(base);
  CURLU* u = curl_url();
  if (!u) return "";
  std::string out;
  std::string b(base);
  bool ok;
  if (!b.empty() && curl_url_set(u, CURLUPART_URL, b.c_str(), 0) == CURLUE_OK)
    ok = curl_url_set(u, CURLUPART_URL, r.c_str(), 0) == CURLUE_OK;
  else
    ok = curl_url_set(u, CURLUPART_URL, r.c_str(), 0) == CURLUE_OK;
  char* s = nullptr;
  if (ok && curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK && s) out = s;
  curl_free(s);
  curl_url_cleanup(u);
  return out;
}

bool LooksLikeFeed(std::string_view bytes) {
  ingest::XmlPull x(bytes.substr(0, 64 * 1024));
  Result<ingest::XmlEvent> ev = x.Next();
  while (ev.ok() && ev->kind == ingest::XmlEvent::kText) ev = x.Next();
  if (!ev.ok() || ev->kind != ingest::XmlEvent::kStart) return false;
  std::string_view name = ev->name;
  size_t colon = name.find(':');
  if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name == "rss" || name == "feed" || name == "RDF";
}

Result<Feed> ParseFeed(std::string_view bytes, const FeedOptions& options) {
  ingest::XmlPull x(bytes);
  std::vector<Frame> stack;
  Feed feed;
  std::string kind;  // "rss", "atom", "rdf"
  FeedItem item;
  int item_depth = -1;  // stack depth of the open item/entry
  bool atom_link_seen = false;
  auto lookup = [&](const std::string& prefix) -> std::string {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      auto f = it->prefixes.find(prefix);
      if (f != it->prefixes.end()) return f->second;
    }
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    return "";
  };
  for (;;) {
    NG_ASSIGN_OR_RETURN(ingest::XmlEvent ev, x.Next());
    if (ev.kind == ingest::XmlEvent::kEof) break;
    if (ev.kind == ingest::XmlEvent::kText) {
      if (!stack.empty() && stack.back().text.size() < (1u << 20)) stack.back().text += ev.text;
      continue;
    }
    if (ev.kind == ingest::XmlEvent::kStart) {
      if (static_cast<int>(stack.size()) >= options.max_depth)
        return ResourceExhausted("feed nested deeper than " + std::to_string(options.max_depth) + " elements");
      Frame f;
      f.base = stack.empty() ? std::string(options.url) : stack.back().base;
      for (const auto& [k, v] : ev.attrs) {
        if (k == "xmlns") f.prefixes[""] = v;
        else if (k.rfind("xmlns:", 0) == 0) f.prefixes[k.substr(6)] = v;
      }
      std::string_view xb = Attr(ev, "xml:base");
      if (!xb.empty()) {
        std::string resolved = ResolveUrl(f.base, xb);
        if (!resolved.empty()) f.base = resolved;
      }
      size_t colon = ev.name.find(':');
      std::string prefix = colon == std::string::npos ? "" : ev.name.substr(0, colon);
      f.local = colon == std::string::npos ? ev.name : ev.name.substr(colon + 1);
      stack.push_back(std::move(f));
      Frame& top = stack.back();
      top.ns = lookup(prefix);
      if (stack.size() == 1) {
        if (top.local == "rss" && top.ns.empty()) kind = "rss";
        else if (top.local == "feed" && (top.ns == kAtom || top.ns.empty())) kind = "atom";
        else if (top.local == "RDF" && top.ns == kRdf) kind = "rdf";
        else return InvalidArgument("not a feed: the root element is <" + ev.name + ">, not <rss>, <feed> or <rdf:RDF>");
      }
      int depth = static_cast<int>(stack.size()) - 1;
      bool is_item = (kind == "atom" && top.local == "entry" && top.ns == kAtom) ||
                     (kind != "atom" && top.local == "item" && (top.ns.empty() || top.ns == kRss1));
      if (is_item && item_depth < 0) {
        item = FeedItem();
        item_depth = depth;
        atom_link_seen = false;
      }
      if (top.local == "link" && top.ns == kAtom) {
        std::string rel(Attr(ev, "rel"));
        std::string href = ResolveUrl(top.base, Attr(ev, "href"));
        if ((rel.empty() || rel == "alternate") && !href.empty()) {
          if (item_depth >= 0 && depth == item_depth + 1 && !atom_link_seen) { item.url = href; atom_link_seen = true; }
          else if (item_depth < 0 && depth == 1 && feed.link.empty()) feed.link = href;
        }
      }
      if (!ev.self_closing) continue;
      ev.kind = ingest::XmlEvent::kEnd;  // fall through to close it
    }
    // kEnd: lenient — close up to the matching element, or ignore a stray end tag.
    if (stack.empty()) continue;
    if (!ev.self_closing) {
      size_t colon = ev.name.find(':');
      std::string local = colon == std::string::npos ? ev.name : ev.name.substr(colon + 1);
      bool found = false;
      for (const Frame& f : stack) found |= f.local == local;
      if (!found) continue;
      while (stack.back().local != local) stack.pop_back();
    }
    Frame f = std::move(stack.back());
    stack.pop_back();
    int depth = static_cast<int>(stack.size());
    std::string text(ingest::Trim(f.text));
    if (item_depth >= 0 && depth == item_depth + 1) {
      bool plain = f.ns.empty() || f.ns == kRss1;
      if (f.local == "title" && (plain || f.ns == kAtom)) item.title = text;
      else if (f.local == "link" && plain && item.url.empty()) item.url = ResolveUrl(f.base, text);
      else if (f.local == "guid" && plain && item.url.empty()) {
        // A guid is a permalink unless isPermaLink="false"; only used when there is no link.
        if (text.rfind("http", 0) == 0) item.url = text;
      } else if ((f.local == "pubDate" && plain) || (f.local == "date" && f.ns == kDc) ||
                 (f.local == "published" && f.ns == kAtom) || (f.local == "updated" && f.ns == kAtom && item.published.empty()))
        item.published = text;
      else if ((f.local == "description" && plain) || (f.local == "summary" && f.ns == kAtom) ||
               (f.local == "encoded" && f.ns == kContent) || (f.local == "content" && f.ns == kAtom)) {
        if (item.summary.empty() || f.local == "encoded" || f.local == "content") item.summary = text;
      }
    } else if (item_depth < 0 && (depth == 1 || depth == 2)) {
      // Channel / feed level (RSS: rss/channel/title; Atom: feed/title).
      bool plain = f.ns.empty() || f.ns == kRss1 || f.ns == kAtom;
      bool channel_level = (kind == "atom" && depth == 1) || (kind != "atom" && depth == 2);
      if (channel_level && plain && f.local == "title" && feed.title.empty()) feed.title = text;
      if (channel_level && plain && f.local == "link" && f.ns != kAtom && feed.link.empty())
        feed.link = ResolveUrl(f.base, text);
    }
    if (!stack.empty() && depth > item_depth && item_depth >= 0 && stack.back().text.size() < (1u << 20))
      stack.back().text += f.text;  // nested markup (Atom xhtml content) keeps its text
    if (depth == item_depth) {
      item_depth = -1;
      if (!item.url.empty() && feed.items.size() < options.max_items) feed.items.push_back(std::move(item));
    }
  }
  if (kind.empty()) return InvalidArgument("not a feed: no root element");
  return feed;
}

}  // namespace ng
