// tokenizer.h — an HTML5 tokenizer (WHATWG "13.2.5 Tokenization") made for extraction.
//
//   ng::html::Tokenizer tok(utf8);
//   ng::html::Token t;
//   while (tok.Next(&t) && t.type != TokenType::kEof) { ... }   // the tree builder drives it
//
// It pulls one token at a time. Text, names and attribute values are string_views: into the
// input when the bytes are the token (the common case: zero copy), or into the tokenizer's own
// scratch buffers when something had to be decoded (character references, CR/LF, NUL, upper-case
// names). The views are valid until the next call to Next(). The buffers are reused, so after
// warm-up a token costs no heap allocation.
//
// What it implements (by state, in the spec's words):
//   data, RCDATA, RAWTEXT, script data (with the escaped and double-escaped states, so
//   `<!-- <script>..</script> -->` inside a script does not end it), PLAINTEXT;
//   tag open / end tag open / tag name / attribute name / the three attribute value states /
//   after attribute value / self-closing start tag; markup declaration open; comment (incl.
//   `<!-->`, `<!--->` and `--!>`), bogus comment (`<?..>`, `</ ..>`, `<!x>`); DOCTYPE (the
//   token carries the raw text; the tree builder only needs the name and public id for quirks);
//   CDATA section (only when the tree builder says the current node is foreign);
//   character references: named (the full WHATWG table, longest match, legacy names without
//   ';'), numeric (decimal/hex, 0x80–0x9F remapped per the spec table, NUL/surrogates/
//   >0x10FFFF → U+FFFD), and the attribute rule (`&amp=`/`&ampx` after a legacy name are not
//   decoded in attribute values).
// Simplifications that cannot change a tree: parse errors are not reported; the DOCTYPE is not
// split into name/public/system tokens (see ParseDoctype); duplicate attributes are dropped
// (first wins, as the spec says) with a hash set once a tag has many attributes, so a tag with
// 1,000,000 attributes is linear.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ng::html {

enum class TokenType : uint8_t { kStartTag, kEndTag, kText, kComment, kDoctype, kEof };

struct TokenAttr {
  std::string_view name;   // lower-case
  std::string_view value;  // character references decoded
};

struct Token {
  TokenType type = TokenType::kEof;
  std::string_view name;  // tags: lower-case name
  std::string_view text;  // text: decoded characters; comment: data; doctype: raw declaration
  bool self_closing = false;
  std::vector<TokenAttr> attrs;  // start tags (end tags' attributes are dropped)
};

// Tokenizer states the tree builder switches to after a start tag (spec: "switch the tokenizer
// to the RCDATA state" etc.).
enum class TextState : uint8_t { kData, kRcdata, kRawtext, kScriptData, kPlaintext };

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input);

  // Fills *t with the next token. Returns false only after kEof has been returned once.
  bool Next(Token* t);

  // After a start tag: the element's content is text up to `</end_tag_name` (RCDATA decodes
  // character references; RAWTEXT and script data do not; PLAINTEXT runs to the end).
  void SetTextState(TextState state, std::string_view end_tag_name);
  // Whether `<![CDATA[` opens a CDATA section (adjusted current node is not HTML).
  void set_allow_cdata(bool allow) { allow_cdata_ = allow; }

  size_t position() const { return pos_; }

  // Exposed for tests: decodes the character reference after the '&' at in[amp], appending to
  // *out. Returns the number of bytes consumed from in[amp] (0: not a reference, emit '&').
  static size_t DecodeCharRef(std::string_view in, size_t amp, bool in_attribute, std::string* out);

 private:
  struct AttrSpan {
    size_t name_off, name_len, val_off, val_len;
    bool name_in_buf, val_in_buf;
  };

  bool LexText(Token* t);         // data / RCDATA / RAWTEXT / PLAINTEXT runs
  bool LexScriptData(Token* t);   // script data with the escape states
  bool LexMarkup(Token* t);       // at '<' in the data state
  bool LexTag(Token* t, size_t name_start, bool end_tag);
  void LexComment(Token* t, size_t data_start);
  void LexBogusComment(Token* t, size_t data_start);
  bool EndTagMatches(size_t lt) const;  // "</name" + [ws / >] at lt, name = end_tag_
  void FinishAttrs(Token* t);
  void SetText(Token* t, std::string_view text);

  std::string_view in_;
  size_t pos_ = 0;
  TextState state_ = TextState::kData;
  std::string end_tag_;  // for RCDATA/RAWTEXT/script data: the name that ends the text
  bool allow_cdata_ = false;
  bool eof_sent_ = false;
  bool skip_lf_ = false;  // unused by the tokenizer itself; see tree builder (pre/textarea)
  // Scratch buffers, reused: decoded text, lower-cased names, decoded attribute values.
  std::string text_buf_, name_buf_, attr_buf_;
  std::vector<AttrSpan> spans_;
  std::vector<uint64_t> seen_;  // attribute-name hashes, for dedup on tags with many attributes
};

}  // namespace ng::html
