// tree_builder.h — HTML5 tree construction (WHATWG "13.2.6") for extraction, on our tokenizer.
//
//   ng::html::Document doc;
//   ng::html::TreeStats s = ng::html::BuildTree(utf8, {.max_depth = 400}, &doc);
//   if (s.depth_capped) note("flattened");
//
// The goal is the tree gumbo (the reference, an HTML5 parser) builds, as far as the *extracted
// text* can tell: the same elements around the same text, in the same order. Implemented, from
// the spec's insertion modes: initial (DOCTYPE → quirks mode, which decides whether <table>
// closes an open <p>), before html, before head, in head, in head noscript (scripting disabled,
// as gumbo), after head, in body, text, in table (+ in table text with foster parenting), in
// caption, in column group, in table body, in row, in cell, in select, in select in table, and
// foreign content (svg/math: self-closing allowed, breakout tags, HTML and MathML text
// integration points, CDATA). In body: implied end tags (p, li, dt, dd, option, optgroup,
// rb/rp/rt/rtc, and the table parts through the table modes), <p> closed by block starts,
// </p> without an open p → an empty p, </br> → <br>, the list of active formatting elements
// with Noah's ark and reconstruction, the adoption agency algorithm (outer 8 / inner 3 loops),
// the form element pointer, <plaintext>, RCDATA <title>/<textarea>, RAWTEXT <style>/<xmp>/
// <iframe>/<noembed>/<noframes>, script data, the first newline after <pre>/<listing>/<textarea>.
//
// Deliberate deviations (also in tests/html/known_differences.md), none of which changes the
// text of a page an extractor would read:
//  1. <frameset>/<frame> are ignored (no frameset mode): frameset pages have no article text;
//     their <noframes> content stays in the body as RAWTEXT.
//  2. <template> contents are parsed with the in-body rules as children of the template element
//     (no template contents fragment, no "in template" mode stack). Template content is never
//     text to an extractor.
//  3. Comments are dropped unless keep_comments (the gumbo path drops them before parsing too),
//     and script/style text is dropped unless it is JSON-LD or keep_script_text (the same rule
//     as the gumbo path's pre-parse pass).
//  4. Bounded work per token, so the builder is linear in input size and nesting depth:
//     - elements that would make the stack of open elements deeper than max_depth are not
//       created (their text is kept in the deepest open element; the end tags of dropped
//       elements are counted off so they do not close open ancestors);
//     - "has an element in scope" and the other stack scans look at most kScanLimit (2,048)
//       entries down; a per-tag count of open elements answers "not in scope" at once;
//     - the list of active formatting elements holds at most 256 entries (past that a
//       formatting element is inserted as a plain element and not reconstructed);
//     - a stray <html>/<body> start tag merges attributes into the open one only while it has
//       fewer than 256 (each merge checks the names already there).
//     With the default max_depth (400) none of these changes a tree.
//     max_depth bounds the stack, and the tree within 3/2 of it: the spec leaves an <a> that
//     a later <a> removes from the stack in the tree when it is out of scope (svg <title>
//     between them), and table parts implied inside a table are not capped.
//  5. The spec's newer changes that gumbo 0.10 predates are not followed where gumbo differs:
//     <select> keeps the old content model (only option/optgroup/text), <search> is not special,
//     and in foreign content </p> and </br> do not break out.
//  6. DOCTYPE: quirks mode from the name and the public/system id prefixes that matter on real
//     pages; limited-quirks is not distinguished (it changes nothing in tree construction).
#pragma once

#include <cstddef>
#include <string_view>

#include "html/dom.h"

namespace ng::html {

struct TreeOptions {
  int max_depth = 400;            // DOM depth cap (see deviation 4)
  bool keep_comments = false;     // create comment nodes
  bool keep_script_text = false;  // keep every script/style body, not only JSON-LD
};

struct TreeStats {
  bool depth_capped = false;  // some elements were not created because of max_depth
  bool quirks = false;        // the document is in quirks mode
};

// Builds the tree of `utf8` into *doc (which should be freshly constructed). Never fails:
// every input, cut at any byte, gives a tree.
TreeStats BuildTree(std::string_view utf8, const TreeOptions& options, Document* doc);

}  // namespace ng::html
