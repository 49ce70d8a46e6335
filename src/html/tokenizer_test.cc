// Tokenizer tests, one group per WHATWG tokenization state (13.2.5) the tokenizer implements.
#include "html/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ng::html {
namespace {

// Tokens as readable strings: S:name[a=v,...][/]  E:name  T:text  C:comment  D:doctype  EOF
std::vector<std::string> Lex(std::string_view in, TextState state = TextState::kData,
                             std::string_view end_tag = "", bool cdata = false) {
  Tokenizer tok(in);
  if (state != TextState::kData) tok.SetTextState(state, end_tag);
  tok.set_allow_cdata(cdata);
  std::vector<std::string> out;
  Token t;
  while (tok.Next(&t)) {
    switch (t.type) {
      case TokenType::kStartTag: {
        std::string s = "S:" + std::string(t.name);
        for (const auto& a : t.attrs) s += " " + std::string(a.name) + "=" + std::string(a.value);
        if (t.self_closing) s += "/";
        out.push_back(s);
        break;
      }
      case TokenType::kEndTag: out.push_back("E:" + std::string(t.name)); break;
      case TokenType::kText: out.push_back("T:" + std::string(t.text)); break;
      case TokenType::kComment: out.push_back("C:" + std::string(t.text)); break;
      case TokenType::kDoctype: out.push_back("D:" + std::string(t.text)); break;
      case TokenType::kEof: out.push_back("EOF"); break;
    }
  }
  return out;
}
using V = std::vector<std::string>;

std::string Ref(std::string_view in, bool attr = false) {
  std::string out;
  size_t used = Tokenizer::DecodeCharRef(in, 0, attr, &out);
  return std::to_string(used) + ":" + out;
}

TEST(TokenizerData, TextAndTags) {
  EXPECT_EQ(Lex("a<b>c</b>d"), (V{"T:a", "S:b", "T:c", "E:b", "T:d", "EOF"}));
}
TEST(TokenizerData, LessThanNotFollowedByTagIsText) {
  EXPECT_EQ(Lex("1 < 2 <3 <"), (V{"T:1 < 2 <3 <", "EOF"}));
  EXPECT_EQ(Lex("a</"), (V{"T:a</", "EOF"}));  // end tag open, EOF: "</" is text
}
TEST(TokenizerData, NulDroppedCrLfNormalized) {
  EXPECT_EQ(Lex(std::string_view("a\0b\r\nc\rd", 9)), (V{"T:ab\nc\nd", "EOF"}));
}
// Input stream preprocessing: controls (other than ASCII whitespace and NUL) and noncharacters
// are parse errors only (control-character-in-input-stream, noncharacter-in-input-stream): the
// characters stay, in text and in attribute values. A C1 control is not remapped (only a
// numeric reference to one is, through the windows-1252 table).
TEST(TokenizerData, ControlsAndNoncharactersKept) {
  EXPECT_EQ(Lex("a\x01\x0B\x7F\u0092\uFDD0\uFFFE\U0001FFFF\U0010FFFFb"),
            (V{"T:a\x01\x0B\x7F\u0092\uFDD0\uFFFE\U0001FFFF\U0010FFFFb", "EOF"}));
  EXPECT_EQ(Lex("<p title='x\u0085y'>\u0080"), (V{"S:p title=x\u0085y", "T:\u0080", "EOF"}));
  EXPECT_EQ(Lex("&#x92;&#146;"), (V{"T:\u2019\u2019", "EOF"}));
}
TEST(TokenizerData, ZeroCopyWhenNothingToDecode) {
  std::string in = "plain text<p>";
  Tokenizer tok(in);
  Token t;
  ASSERT_TRUE(tok.Next(&t));
  EXPECT_EQ(t.text.data(), in.data());  // a view into the input
}

TEST(TokenizerTagName, LowerCasedAndEndsAtSpaceSlashGt) {
  EXPECT_EQ(Lex("<DiV>x</DIV >"), (V{"S:div", "T:x", "E:div", "EOF"}));
  EXPECT_EQ(Lex("<br/>"), (V{"S:br/", "EOF"}));
}
TEST(TokenizerTagName, EofInTagDropsIt) {
  EXPECT_EQ(Lex("a<div class"), (V{"T:a", "EOF"}));
  EXPECT_EQ(Lex("a<div"), (V{"T:a", "EOF"}));
  EXPECT_EQ(Lex("a<div class=\"x"), (V{"T:a", "EOF"}));
}
TEST(TokenizerAttributes, EveryQuotingStyle) {
  EXPECT_EQ(Lex("<a b=\"1 2\" c='3' d=4 e f = 5 G=6>"),
            (V{"S:a b=1 2 c=3 d=4 e= f=5 g=6", "EOF"}));
}
TEST(TokenizerAttributes, UnquotedTakesQuotesAndEquals) {
  EXPECT_EQ(Lex("<a b=x\"y'z=w>"), (V{"S:a b=x\"y'z=w", "EOF"}));
}
TEST(TokenizerAttributes, DuplicatesFirstWins) {
  EXPECT_EQ(Lex("<a x=1 X=2 y=3 x=4>"), (V{"S:a x=1 y=3", "EOF"}));
}
TEST(TokenizerAttributes, ManyDuplicatesUseTheHashPath) {
  std::string in = "<a";
  for (int i = 0; i < 100; ++i) in += " n" + std::to_string(i % 40) + "=" + std::to_string(i);
  in += ">";
  Tokenizer tok(in);
  Token t;
  ASSERT_TRUE(tok.Next(&t));
  ASSERT_EQ(t.attrs.size(), 40u);
  EXPECT_EQ(t.attrs[39].name, "n39");
  EXPECT_EQ(t.attrs[39].value, "39");
}
TEST(TokenizerAttributes, NameMayStartWithEquals) {
  EXPECT_EQ(Lex("<a =b>"), (V{"S:a =b=", "EOF"}));
}
TEST(TokenizerAttributes, MissingSpaceAfterQuotedValue) {
  EXPECT_EQ(Lex("<a b=\"1\"c=2>"), (V{"S:a b=1 c=2", "EOF"}));
}
TEST(TokenizerAttributes, SlashNotBeforeGtIsIgnored) {
  EXPECT_EQ(Lex("<a / b=1 />"), (V{"S:a b=1/", "EOF"}));
}
TEST(TokenizerAttributes, CharacterReferencesInValues) {
  EXPECT_EQ(Lex("<a href=\"?a=1&amp;b=2&copy=3&lt\" t='&notit;'>"),
            (V{"S:a href=?a=1&b=2&copy=3< t=&notit;", "EOF"}));  // legacy name + alnum: literal
}
TEST(TokenizerEndTag, AttributesDroppedAndEmptyIgnored) {
  EXPECT_EQ(Lex("</p class=x>a</>b"), (V{"E:p", "T:a", "T:b", "EOF"}));
}

TEST(TokenizerComment, Ordinary) {
  EXPECT_EQ(Lex("a<!-- x -- y -->b"), (V{"T:a", "C: x -- y ", "T:b", "EOF"}));
}
TEST(TokenizerComment, AbruptClosings) {
  EXPECT_EQ(Lex("<!-->a"), (V{"C:", "T:a", "EOF"}));
  EXPECT_EQ(Lex("<!--->a"), (V{"C:", "T:a", "EOF"}));
  EXPECT_EQ(Lex("<!---->a"), (V{"C:", "T:a", "EOF"}));
}
TEST(TokenizerComment, BangClosingAndExtraDashes) {
  EXPECT_EQ(Lex("<!--x--!>a"), (V{"C:x", "T:a", "EOF"}));
  EXPECT_EQ(Lex("<!--x--->a"), (V{"C:x-", "T:a", "EOF"}));
}
TEST(TokenizerComment, UnterminatedRunsToEof) {
  EXPECT_EQ(Lex("a<!--b<p>c"), (V{"T:a", "C:b<p>c", "EOF"}));
}
TEST(TokenizerBogusComment, QuestionMarkSlashAndBang) {
  EXPECT_EQ(Lex("<?xml v?>a</ x>b<!x>c"), (V{"C:?xml v?", "T:a", "C: x", "T:b", "C:x", "T:c", "EOF"}));
}
TEST(TokenizerDoctype, RawTextToGt) {
  EXPECT_EQ(Lex("<!DOCTYPE html>a"), (V{"D: html", "T:a", "EOF"}));
  EXPECT_EQ(Lex("<!doctype html PUBLIC \"x>y\">"), (V{"D: html PUBLIC \"x", "T:y\">", "EOF"}));
}
TEST(TokenizerCdata, OnlyInForeignContent) {
  EXPECT_EQ(Lex("<![CDATA[a<b]]>c", TextState::kData, "", true), (V{"T:a<b", "T:c", "EOF"}));
  EXPECT_EQ(Lex("<![CDATA[a<b]]>c"), (V{"C:[CDATA[a<b]]", "T:c", "EOF"}));
}

TEST(TokenizerRcdata, DecodesAndEndsOnlyAtItsEndTag) {
  EXPECT_EQ(Lex("a &amp; <b></tit></title >x", TextState::kRcdata, "title"),
            (V{"T:a & <b></tit>", "E:title", "T:x", "EOF"}));
}
TEST(TokenizerRcdata, EndTagNeedsADelimiter) {
  EXPECT_EQ(Lex("a</titlex></title", TextState::kRcdata, "title"), (V{"T:a</titlex></title", "EOF"}));
}
TEST(TokenizerRawtext, NoDecoding) {
  EXPECT_EQ(Lex("a&amp;<!--</STYLE>b", TextState::kRawtext, "style"),
            (V{"T:a&amp;<!--", "E:style", "T:b", "EOF"}));
}
TEST(TokenizerScriptData, DivEndTagInsideScriptIsText) {
  EXPECT_EQ(Lex("x='</div>';</script>", TextState::kScriptData, "script"),
            (V{"T:x='</div>';", "E:script", "EOF"}));
}
TEST(TokenizerScriptData, DoubleEscapedScriptEndTagDoesNotEnd) {
  EXPECT_EQ(Lex("<!-- document.write('<script>x</script>'); --></script>a",
                TextState::kScriptData, "script"),
            (V{"T:<!-- document.write('<script>x</script>'); -->", "E:script", "T:a", "EOF"}));
}
TEST(TokenizerScriptData, EscapedScriptEndTagEnds) {
  EXPECT_EQ(Lex("<!-- a </script>b", TextState::kScriptData, "script"),
            (V{"T:<!-- a ", "E:script", "T:b", "EOF"}));
  EXPECT_EQ(Lex("<!--></script>", TextState::kScriptData, "script"), (V{"T:<!-->", "E:script", "EOF"}));
}
TEST(TokenizerScriptData, UnterminatedRunsToEof) {
  EXPECT_EQ(Lex("a<b", TextState::kScriptData, "script"), (V{"T:a<b", "EOF"}));
}
TEST(TokenizerPlaintext, EverythingIsText) {
  EXPECT_EQ(Lex("a</plaintext><b>", TextState::kPlaintext, ""), (V{"T:a</plaintext><b>", "EOF"}));
}

TEST(TokenizerCharRef, Named) {
  EXPECT_EQ(Ref("&amp;"), "5:&");
  EXPECT_EQ(Ref("&nbsp;x"), "6:\xC2\xA0");
  EXPECT_EQ(Ref("&CounterClockwiseContourIntegral;"), "33:\xE2\x88\xB3");
  EXPECT_EQ(Ref("&NotEqualTilde;"), "15:\xE2\x89\x82\xCC\xB8");  // two code points
}
TEST(TokenizerCharRef, LegacyWithoutSemicolonAndLongestMatch) {
  EXPECT_EQ(Ref("&amp x"), "4:&");
  EXPECT_EQ(Ref("&notit;"), "4:\xC2\xAC");
  EXPECT_EQ(Ref("&notin;"), "7:\xE2\x88\x89");
  EXPECT_EQ(Ref("&ampere"), "4:&");
}
TEST(TokenizerCharRef, NotAReference) {
  EXPECT_EQ(Ref("&foo;"), "0:");
  EXPECT_EQ(Ref("& x"), "0:");
  EXPECT_EQ(Ref("&"), "0:");
  EXPECT_EQ(Ref("&#;"), "0:");
  EXPECT_EQ(Ref("&#x;"), "0:");
  EXPECT_EQ(Ref("&hellip"), "0:");  // needs its ';'
}
TEST(TokenizerCharRef, AttributeRule) {
  EXPECT_EQ(Ref("&amp=", true), "0:");
  EXPECT_EQ(Ref("&copyx", true), "0:");
  EXPECT_EQ(Ref("&copy;x", true), "6:\xC2\xA9");
  EXPECT_EQ(Ref("&copy ", true), "5:\xC2\xA9");
}
TEST(TokenizerCharRef, Numeric) {
  EXPECT_EQ(Ref("&#65;"), "5:A");
  EXPECT_EQ(Ref("&#x41"), "5:A");
  EXPECT_EQ(Ref("&#X6c;"), "6:l");
  EXPECT_EQ(Ref("&#8220;"), "7:\xE2\x80\x9C");
}
TEST(TokenizerCharRef, NumericReplacements) {
  EXPECT_EQ(Ref("&#0;"), "4:\xEF\xBF\xBD");
  EXPECT_EQ(Ref("&#xD800;"), "8:\xEF\xBF\xBD");
  EXPECT_EQ(Ref("&#x110000;"), "10:\xEF\xBF\xBD");
  EXPECT_EQ(Ref("&#99999999999999999999;"), "23:\xEF\xBF\xBD");
  EXPECT_EQ(Ref("&#x80;"), "6:\xE2\x82\xAC");  // windows-1252 table
  EXPECT_EQ(Ref("&#150;"), "6:\xE2\x80\x93");
  EXPECT_EQ(Ref("&#x81;"), "6:\xC2\x81");  // no table entry: kept
  EXPECT_EQ(Ref("&#x1F600;"), "9:\xF0\x9F\x98\x80");
}
TEST(TokenizerCharRef, InText) {
  EXPECT_EQ(Lex("AT&T &lt;b&gt; &#8212; &bogus; &"), (V{"T:AT&T <b> \xE2\x80\x94 &bogus; &", "EOF"}));
}

TEST(TokenizerTruncation, EveryPrefixEndsWithOneEof) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>A &amp; B</title><script>if(a<b)x='</div>'</script>"
      "<!-- c --></head><body class=\"x\" id='y' data-z=1><p>T&eacute;xt &#x41;<br/>"
      "<svg><![CDATA[z]]></svg><?php x ?></body></html>";
  for (size_t cut = 0; cut <= page.size(); ++cut) {
    std::string prefix = page.substr(0, cut);  // its own buffer: ASan sees overreads
    Tokenizer tok(prefix);
    Token t;
    int eofs = 0, n = 0;
    while (tok.Next(&t)) {
      if (t.type == TokenType::kEof) ++eofs;
      if (t.type == TokenType::kStartTag && t.name == "script")
        tok.SetTextState(TextState::kScriptData, "script");
      if (t.type == TokenType::kStartTag && t.name == "title")
        tok.SetTextState(TextState::kRcdata, "title");
      ASSERT_LT(++n, 1000);
    }
    EXPECT_EQ(eofs, 1) << cut;
  }
}

// Text runs are scanned 16 bytes at a time: a reference, CR, NUL or '<' at every offset of
// a block (and in the scalar tail) must still be seen.
TEST(TokenizerScan, SpecialBytesAtEveryOffset) {
  for (size_t at = 0; at < 40; ++at) {
    std::string pad(at, 'x'), tail(40 - at, 'y');
    EXPECT_EQ(Lex(pad + "&amp;" + tail), V({"T:" + pad + "&" + tail, "EOF"})) << at;
    EXPECT_EQ(Lex(pad + "\r\n" + tail), V({"T:" + pad + "\n" + tail, "EOF"})) << at;
    EXPECT_EQ(Lex(pad + std::string(1, '\0') + tail), V({"T:" + pad + tail, "EOF"})) << at;
    V tags = Lex(pad + "<b>" + tail);
    EXPECT_EQ(tags.back(), "EOF");
    EXPECT_EQ(tags[at ? 1 : 0], "S:b") << at;
    EXPECT_EQ(Lex("<a title=\"" + pad + "&lt;" + tail + "\">"),
              V({"S:a title=" + pad + "<" + tail, "EOF"})) << at;
    EXPECT_EQ(Lex(pad + "</script>" + tail, TextState::kScriptData, "script"),
              at ? V({"T:" + pad, "E:script", "T:" + tail, "EOF"}) : V({"E:script", "T:" + tail, "EOF"}))
        << at;
  }
}

}  // namespace
}  // namespace ng::html
