// metadata.h — title, dates, authors, section, tags and site facts of one parsed page.
//
//   ng::extract::PageMetadata m = ng::extract::ExtractMetadata(doc, "https://example.com/a");
//   article.title = m.title;  article.published = m.published;  article.authors = m.authors;
// Sources, best first: JSON-LD (schema.org Article types, BreadcrumbList, WebSite/Organization),
// OpenGraph / article:* / Dublin Core / Parse.ly / other <meta>, <link rel=canonical>, then the
// page itself (<title>/<h1>, <time>, bylines, rel=tag links, breadcrumb trails). Every field is
// "" (or empty) when the page does not say; nothing here fails, prints or aborts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html/dom.h"

namespace ng::extract {

struct PageMetadata {
  std::string url;  // canonical (resolved against page_url) > og:url > JSON-LD url > page_url
  std::string title;
  std::string section;
  std::string published;  // ISO 8601 (see NormalizeDate), "" when unknown
  std::string modified;
  std::string site_name;
  std::string description;
  std::string image;     // absolute when it could be resolved
  std::string language;  // as declared (html lang, og:locale, content-language…), raw: "en-US"
  std::vector<std::string> authors;
  std::vector<std::string> tags;
  std::vector<std::string> breadcrumbs;  // names in order, "Home" (and translations) dropped
  std::string page_type;                 // JSON-LD @type of the article object, else og:type
};

PageMetadata ExtractMetadata(const html::Document& doc, std::string_view page_url);

// Strips " – Site Name", " | Site", " - Site" suffixes (and "Site | " prefixes) when the cut part
// matches the site name, or, without a match, when the remaining part is much longer.
std::string CleanTitle(std::string_view raw_title, std::string_view site_name);

// Normalises a date to ISO 8601 when recognisable, "" otherwise:
//   "2024-02-07T09:14:52+00:00"      → unchanged (any complete ISO timestamp is kept verbatim)
//   "2024-02-07 09:14:52"            → "2024-02-07T09:14:52"
//   "February 7, 2024", "7 February 2024", "Feb. 7, 2024" → "2024-02-07"
//   "Wed, 07 Feb 2024 09:14:52 GMT"  → "2024-02-07T09:14:52+00:00"
// Also: "2024/02/07", "07.02.2024", unambiguous d/m/y, "20240207", Unix seconds/milliseconds,
// month names in de/fr/es/it/pt/nl, "9:14 pm EST"-style times and numeric/named zones.
std::string NormalizeDate(std::string_view text);

// "By Jane Doe and John Roe, Reuters | Feb 7" → {"Jane Doe", "John Roe"}. Exposed for tests.
std::vector<std::string> SplitByline(std::string_view text);

// RFC 3986 reference resolution (enough of it for canonical links and images). A ref with a
// scheme is returned as is; a relative ref with no usable base is returned as is.
std::string ResolveUrl(std::string_view base, std::string_view ref);

}  // namespace ng::extract
