// libFuzzer target: arbitrary bytes → ng::html::Tokenizer, in every text state, checking that
// every view the tokenizer hands out lies inside the input or its own buffers (ASan checks the
// reads) and that it always ends with one kEof.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "html/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks a start state, as the tree builder would after a start tag.
  static constexpr ng::html::TextState kStates[] = {
      ng::html::TextState::kData, ng::html::TextState::kRcdata, ng::html::TextState::kRawtext,
      ng::html::TextState::kScriptData, ng::html::TextState::kPlaintext};
  ng::html::TextState state = kStates[data[0] % 5];
  bool cdata = data[0] & 0x80;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  ng::html::Tokenizer tok(in);
  tok.SetTextState(state, (data[0] & 0x40) ? "script" : "title");
  tok.set_allow_cdata(cdata);
  ng::html::Token t;
  size_t tokens = 0, sum = 0;
  bool eof = false;
  while (tok.Next(&t)) {
    if (eof) abort();  // nothing after kEof
    if (t.type == ng::html::TokenType::kEof) eof = true;
    for (char c : t.name) sum += static_cast<unsigned char>(c);
    for (char c : t.text) sum += static_cast<unsigned char>(c);
    for (const auto& a : t.attrs) sum += a.name.size() + a.value.size();
    if (++tokens > 2 * in.size() + 8) abort();  // every token but EOF consumes input
    // Exercise state switches the way a tree builder would.
    if (t.type == ng::html::TokenType::kStartTag && t.name == "textarea")
      tok.SetTextState(ng::html::TextState::kRcdata, t.name);
    if (t.type == ng::html::TokenType::kStartTag && t.name == "script")
      tok.SetTextState(ng::html::TextState::kScriptData, t.name);
  }
  if (!eof) abort();
  std::string out;
  for (size_t i = 0; i < in.size() && i < 64; ++i)
    if (in[i] == '&') ng::html::Tokenizer::DecodeCharRef(in, i, i % 2, &out);
  return static_cast<int>(sum & 0);
}
