#include "extract/encoding.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <cstdint>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace ng::extract {
namespace {

// The test texts are written in UTF-8 and converted to legacy charsets with ICU, so that they
// stay readable here.
std::string Encode(std::string_view utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

DecodedText Decode(std::string_view bytes, std::string_view http = {}) {
  Result<DecodedText> r = DecodeHtml(bytes, http);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  EXPECT_TRUE(IsValidUtf8(r->utf8));
  EXPECT_EQ(r->utf8.find('\0'), std::string::npos);
  EXPECT_FALSE(r->borrowed);
  // Borrowing the input gives the same text and verdicts (and borrows only unchanged bytes).
  Result<DecodedText> b = DecodeHtml(bytes, http, /*borrow_input=*/true);
  EXPECT_TRUE(b.ok());
  if (b.ok()) {
    EXPECT_EQ(b->text(), r->utf8);
    EXPECT_EQ(b->charset, r->charset);
    EXPECT_EQ(b->source, r->source);
    EXPECT_EQ(b->lossy, r->lossy);
    if (b->borrowed) {
      EXPECT_TRUE(b->utf8.empty());
      EXPECT_GE(b->text().data(), bytes.data());
      EXPECT_LE(b->text().data() + b->text().size(), bytes.data() + bytes.size());
    }
  }
  return std::move(r).value();
}

TEST(DecodeHtml, BorrowsCleanUtf8Input) {
  const std::string page = "\xEF\xBB\xBF<p>caf\xC3\xA9</p>";
  Result<DecodedText> r = DecodeHtml(page, "", /*borrow_input=*/true);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->borrowed);
  EXPECT_EQ(r->text(), "<p>caf\xC3\xA9</p>");
  EXPECT_EQ(r->text().data(), page.data() + 3);  // after the BOM
  Result<DecodedText> nul = DecodeHtml(std::string_view("<p>a\0b</p>", 10), "", true);
  ASSERT_TRUE(nul.ok());
  EXPECT_FALSE(nul->borrowed);  // NULs are dropped: a copy
  EXPECT_EQ(nul->text(), "<p>ab</p>");
}

std::string Page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "<title>t</title></head><body><p>" +
         std::string(body) + "</p></body></html>";
}

constexpr std::string_view kFrench =
    "Le président de la République a déclaré jeudi que la réforme des retraites serait "
    "présentée au Conseil des ministres à la fin du mois. « Nous irons jusqu'au bout », "
    "a-t-il ajouté devant les élus réunis à l'Élysée, où l'opposition dénonce un passage en force.";

constexpr std::string_view kRussian =
    "Президент России провёл в четверг совещание с членами правительства, на котором "
    "обсуждались вопросы развития экономики и социальной сферы. По словам министра финансов, "
    "бюджет на следующий год будет сбалансирован, а расходы на здравоохранение и образование "
    "увеличатся. Эксперты считают, что рост цен в ближайшие месяцы замедлится, однако "
    "предупреждают о рисках, связанных с внешней торговлей и курсом национальной валюты. "
    "Губернаторы нескольких регионов сообщили о завершении ремонта дорог и школ.";

constexpr std::string_view kJapanese =
    "政府は十五日、新たな経済対策を閣議決定した。物価の上昇が続く中、家計の負担を軽減する"
    "ため、電気料金やガス料金への補助を来年三月まで延長する。首相は記者会見で「国民の生活を"
    "守るため、あらゆる手段を講じる」と述べた。野党は財源の裏付けが不十分だと批判しており、"
    "国会での論戦が予想される。専門家によると、円安の影響で輸入品の価格が上がっており、"
    "企業の賃上げが物価の伸びに追いつくかどうかが焦点となる。";

// --- BOM -------------------------------------------------------------------------------------

TEST(Encoding, Utf8BomWinsAndIsStripped) {
  DecodedText t =
      Decode("\xEF\xBB\xBF" + Page("<meta charset=iso-8859-2>", "caf\xC3\xA9"), "windows-1251");
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.source, "bom");
  EXPECT_EQ(t.utf8.rfind("<!DOCTYPE", 0), 0u);
  EXPECT_NE(t.utf8.find("caf\xC3\xA9"), std::string::npos);
  EXPECT_FALSE(t.lossy);
}

TEST(Encoding, Utf16LePageWithBom) {
  std::string page = Page("<meta charset=utf-8>", "Grüße aus Köln — 東京");
  DecodedText t = Decode("\xFF\xFE" + Encode(page, "UTF-16LE"));
  EXPECT_EQ(t.charset, "UTF-16LE");
  EXPECT_EQ(t.source, "bom");
  EXPECT_EQ(t.utf8, page);
}

TEST(Encoding, Utf16BePageWithBom) {
  std::string page = Page("", "Grüße 😀");
  DecodedText t = Decode("\xFE\xFF" + Encode(page, "UTF-16BE"));
  EXPECT_EQ(t.charset, "UTF-16BE");
  EXPECT_EQ(t.source, "bom");
  EXPECT_EQ(t.utf8, page);
}

TEST(Encoding, Utf16WithoutBomIsSniffed) {
  std::string page = Page("", "Grüße aus Köln");
  DecodedText t = Decode(Encode(page, "UTF-16LE"));
  EXPECT_EQ(t.charset, "UTF-16LE");
  EXPECT_EQ(t.source, "utf16-sniff");
  EXPECT_EQ(t.utf8, page);
  // A declared UTF-16 is honoured only for bytes that look like UTF-16.
  t = Decode(Encode(page, "UTF-16BE"), "utf-16");
  EXPECT_EQ(t.charset, "UTF-16BE");
  EXPECT_EQ(t.source, "http");
  EXPECT_EQ(t.utf8, page);
  t = Decode(page, "utf-16le");
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.utf8, page);
}

// --- Declarations ----------------------------------------------------------------------------

TEST(Encoding, MetaCharsetAttribute) {
  std::string bytes = Page("<meta charset=windows-1251>", Encode(kRussian, "windows-1251"));
  DecodedText t = Decode(bytes);
  EXPECT_EQ(t.charset, "windows-1251");
  EXPECT_EQ(t.source, "meta");
  EXPECT_NE(t.utf8.find(kRussian), std::string::npos);
}

TEST(Encoding, MetaCharsetSyntaxes) {
  const std::string body = Encode(kRussian, "KOI8-R");
  for (std::string_view head : {
           "<meta charset=\"koi8-r\">",
           "<meta charset='KOI8-R' />",
           "<META CHARSET=KOI8-R>",
           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
           "<meta content=\"text/html; charset=koi8-r\" http-equiv=\"content-type\">",
           "<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; CHARSET=KOI8-R\">",
           "<meta http-equiv='content-type' content='text/html;charset = \"koi8-r\"'>",
           "<!-- <meta charset=windows-1251> --><meta charset=koi8-r>",
           "<!--><meta charset=koi8-r>",
           "<link rel=stylesheet href=\"a.css\" title=\"<meta charset=windows-1251>\">"
           "<meta charset=koi8-r>",
           "<meta name=viewport content=\"charset=windows-1251\"><meta charset=koi8-r>",
       }) {
    DecodedText t = Decode(Page(head, body));
    EXPECT_EQ(t.charset, "KOI8-R") << head;
    EXPECT_EQ(t.source, "meta") << head;
    EXPECT_NE(t.utf8.find(kRussian), std::string::npos) << head;
  }
}

TEST(Encoding, PrescanFollowsWhatwg) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=utf-8>"), "UTF-8");
  EXPECT_EQ(PrescanMetaCharset("<meta/charset=latin1>"), "windows-1252");
  // content= without http-equiv needs the pragma.
  EXPECT_EQ(PrescanMetaCharset("<meta content=\"text/html; charset=gbk\">"), std::nullopt);
  // A declared UTF-16 in <meta> means UTF-8; x-user-defined means windows-1252.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=utf-16>"), "UTF-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=x-user-defined>"), "windows-1252");
  // Unknown labels are skipped, and the next <meta> is used.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=klingon><meta charset=sjis>"), "Shift_JIS");
  // Not a meta tag.
  EXPECT_EQ(PrescanMetaCharset("<metadata charset=koi8-r>"), std::nullopt);
  EXPECT_EQ(PrescanMetaCharset("<meta charset=\"koi8-r"), std::nullopt);  // cut off
  // Found up to 4096 bytes, not beyond.
  const std::string pad = "<script>" + std::string(3000, 'x') + "</script>";
  EXPECT_EQ(PrescanMetaCharset(pad + "<meta charset=koi8-r>"), "KOI8-R");
  const std::string far = "<script>" + std::string(5000, 'x') + "</script>";
  EXPECT_EQ(PrescanMetaCharset(far + "<meta charset=koi8-r>"), std::nullopt);
}

TEST(Encoding, HttpCharsetOverridesMeta) {
  std::string bytes = Page("<meta charset=windows-1251>", Encode(kRussian, "KOI8-R"));
  DecodedText t = Decode(bytes, "koi8-r");
  EXPECT_EQ(t.charset, "KOI8-R");
  EXPECT_EQ(t.source, "http");
  EXPECT_NE(t.utf8.find(kRussian), std::string::npos);
  // A whole Content-Type value works too, and an unknown HTTP label is ignored.
  t = Decode(bytes, "text/html; Charset=\"KOI8-R\"");
  EXPECT_EQ(t.charset, "KOI8-R");
  t = Decode(bytes, "x-no-such-charset");
  EXPECT_EQ(t.charset, "windows-1251");
  EXPECT_EQ(t.source, "meta");
}

TEST(Encoding, WhatwgLabels) {
  EXPECT_EQ(CanonicalCharset("iso-8859-1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset(" Latin1 "), "windows-1252");
  EXPECT_EQ(CanonicalCharset("US-ASCII"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("ascii"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("utf8"), "UTF-8");
  EXPECT_EQ(CanonicalCharset("unicode-1-1-utf-8"), "UTF-8");
  EXPECT_EQ(CanonicalCharset("x-sjis"), "Shift_JIS");
  EXPECT_EQ(CanonicalCharset("gb2312"), "GBK");
  EXPECT_EQ(CanonicalCharset("ks_c_5601-1987"), "EUC-KR");
  EXPECT_EQ(CanonicalCharset("iso-8859-9"), "windows-1254");
  EXPECT_EQ(CanonicalCharset("tis-620"), "windows-874");
  EXPECT_EQ(CanonicalCharset("utf-16"), "UTF-16LE");
  EXPECT_EQ(CanonicalCharset("klingon"), std::nullopt);
  EXPECT_EQ(CanonicalCharset(""), std::nullopt);
}

// Every charset we name must be decodable (ICU 72's data lacks ISO-8859-16: it has a table).
TEST(Encoding, EveryCharsetDecodes) {
  const std::string bytes = "<p>abc \xE9\xE4\xB1\xC8 xyz</p>";  // not UTF-8, not UTF-16
  for (std::string_view name :
       {"IBM866",       "ISO-8859-2",   "ISO-8859-3",     "ISO-8859-4",   "ISO-8859-5",
        "ISO-8859-6",   "ISO-8859-7",   "ISO-8859-8",     "ISO-8859-8-I", "ISO-8859-10",
        "ISO-8859-13",  "ISO-8859-14",  "ISO-8859-15",    "ISO-8859-16",  "KOI8-R",
        "KOI8-U",       "macintosh",    "windows-874",    "windows-1250", "windows-1251",
        "windows-1252", "windows-1253", "windows-1254",   "windows-1255", "windows-1256",
        "windows-1257", "windows-1258", "x-mac-cyrillic", "GBK",          "gb18030",
        "Big5",         "EUC-JP",       "ISO-2022-JP",    "Shift_JIS",    "EUC-KR",
        "ISO-2022-KR",  "ISO-2022-CN",  "HZ-GB-2312"}) {
    DecodedText t = Decode(bytes, name);
    EXPECT_EQ(t.charset, name);
    EXPECT_EQ(t.source, "http") << name;
    EXPECT_NE(t.utf8.find("xyz</p>"), std::string::npos) << name;
  }
  EXPECT_EQ(Decode("\xAA\xDE", "iso-8859-16").utf8, "\xC8\x98\xC8\x9A");  // Ș Ț
}

// --- Declarations that lie --------------------------------------------------------------------

TEST(Encoding, Latin1DeclaredButUtf8Bytes) {
  const std::string page =
      Page("<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\">",
           std::string(kFrench));
  DecodedText t = Decode(page);
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.source, "utf8-check");
  EXPECT_EQ(t.utf8, page);
  t = Decode(page, "ISO-8859-1");
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.utf8, page);
  // Pure ASCII keeps the declaration: nothing contradicts it.
  t = Decode(Page("<meta charset=iso-8859-1>", "plain"));
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_EQ(t.source, "meta");
}

TEST(Encoding, Utf8DeclaredButWindows1252Bytes) {
  const std::string page = Page("<meta charset=utf-8>", Encode(kFrench, "windows-1252"));
  DecodedText t = Decode(page);
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_EQ(t.source, "uchardet");
  EXPECT_NE(t.utf8.find(kFrench), std::string::npos);
  EXPECT_FALSE(t.lossy);
}

TEST(Encoding, Utf8HttpHeaderWrongButMetaRight) {
  // Servers often send a default "charset=UTF-8" for pages that declare their own charset.
  const std::string page = Page("<meta charset=windows-1251>", Encode(kRussian, "windows-1251"));
  DecodedText t = Decode(page, "text/html; charset=UTF-8");
  EXPECT_EQ(t.charset, "windows-1251");
  EXPECT_EQ(t.source, "meta");
  EXPECT_NE(t.utf8.find(kRussian), std::string::npos);
}

TEST(Encoding, Utf8DeclaredWithRareBadBytes) {
  std::string body;
  for (int i = 0; i < 20; ++i) body += std::string(kFrench) + " ";
  body += "stray \xE9 byte";  // one Latin-1 byte in a UTF-8 page
  DecodedText t = Decode(Page("<meta charset=utf-8>", body));
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.source, "meta");
  EXPECT_TRUE(t.lossy);
  EXPECT_NE(t.utf8.find("stray \xEF\xBF\xBD byte"), std::string::npos);
  EXPECT_NE(t.utf8.find(kFrench), std::string::npos);
}

// --- Legacy bytes ----------------------------------------------------------------------------

TEST(Encoding, Windows1252QuotesAndEuro) {
  const std::string body =
      "He said \x93yes\x94 \x96 it costs \x80"
      "5 \x85 caf\xE9";
  const std::string want =
      "He said \u201Cyes\u201D \u2013 it costs \u20AC"
      "5 \u2026 caf\u00E9";
  DecodedText t = Decode(Page("<meta charset=iso-8859-1>", body));
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_NE(t.utf8.find(want), std::string::npos);
  t = Decode(Page("", body + " " + Encode(kFrench, "windows-1252")));
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_EQ(t.source, "uchardet");
  EXPECT_NE(t.utf8.find(want), std::string::npos);
}

TEST(Encoding, Koi8rRussianWithoutDeclaration) {
  DecodedText t = Decode(Page("", Encode(kRussian, "KOI8-R")));
  EXPECT_EQ(t.charset, "KOI8-R");
  EXPECT_EQ(t.source, "uchardet");
  EXPECT_NE(t.utf8.find(kRussian), std::string::npos);
}

TEST(Encoding, ShiftJisJapaneseWithoutDeclaration) {
  DecodedText t = Decode(Page("", Encode(kJapanese, "Shift_JIS")));
  EXPECT_EQ(t.charset, "Shift_JIS");
  EXPECT_EQ(t.source, "uchardet");
  EXPECT_NE(t.utf8.find(kJapanese), std::string::npos);
}

TEST(Encoding, UndeclaredUtf8AndAscii) {
  DecodedText t = Decode(Page("", std::string(kJapanese)));
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.source, "utf8-check");
  t = Decode(Page("", "just ascii"));
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.source, "utf8-check");
}

// --- Malformed input -------------------------------------------------------------------------

TEST(Encoding, EmptyInput) {
  DecodedText t = Decode("");
  EXPECT_EQ(t.utf8, "");
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_FALSE(t.lossy);
  EXPECT_EQ(Decode("", "windows-1251").utf8, "");
  EXPECT_EQ(Decode("\xEF\xBB\xBF").utf8, "");
  EXPECT_EQ(Decode("\xFF\xFE").utf8, "");
}

TEST(Encoding, TruncatedSequenceAtEnd) {
  std::string page = Page("", std::string(kRussian));
  page += "\xD0";  // the first byte of "П", cut off
  DecodedText t = Decode(page);
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_TRUE(t.lossy);
  EXPECT_EQ(t.utf8.substr(t.utf8.size() - 3), "\xEF\xBF\xBD");
  // Also when that is the only non-ASCII byte.
  t = Decode("<p>abc\xE2\x82");
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.utf8, "<p>abc\xEF\xBF\xBD");
}

TEST(Encoding, NulBytesAreDropped) {
  DecodedText t = Decode(std::string("<p>a\0b</p>", 10));
  EXPECT_EQ(t.utf8, "<p>ab</p>");
  t = Decode(std::string("<p>a\0\x93q\x94</p>", 12), "windows-1252");
  EXPECT_EQ(t.utf8, "<p>a\u201Cq\u201D</p>");
}

TEST(Encoding, InvalidUtf8Garbage) {
  const std::string garbage = "\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 \xFF\xFE\xFD \x80\x81";
  DecodedText t = Decode("<p>" + garbage + "</p>");
  EXPECT_TRUE(t.utf8.rfind("<p>", 0) == 0);
  EXPECT_NE(t.utf8.find("</p>"), std::string::npos);
  t = Decode("<p>" + garbage + "</p>", "utf-8");
  EXPECT_NE(t.utf8.find("</p>"), std::string::npos);
}

TEST(Encoding, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));  // NUL is well-formed
  EXPECT_TRUE(IsValidUtf8("\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // overlong
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));  // truncated
  // Long inputs exercise the vector path on both sides of a 16-byte block.
  std::string long_text(100, 'a');
  long_text += "\xC3\xA9";
  long_text += std::string(100, 'b');
  EXPECT_TRUE(IsValidUtf8(long_text));
  long_text[150] = '\xFF';
  EXPECT_FALSE(IsValidUtf8(long_text));
}

TEST(Encoding, SanitizeReplacesMaximalSubparts) {
  EXPECT_EQ(SanitizeUtf8("abc"), "abc");
  EXPECT_EQ(SanitizeUtf8(std::string_view("a\0b", 3)), "ab");
  // One U+FFFD per maximal subpart (Unicode 15, section 3.9; matches WHATWG and ICU).
  EXPECT_EQ(SanitizeUtf8("a\xE2\x82z"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(SanitizeUtf8("\xF0\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("\xF1\x80\x80\xE1\x80\xC2"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("x\xC3\xA9\xFFy"), "x\xC3\xA9\xEF\xBF\xBDy");
}

// ICU as the reference: strict validation and WHATWG-style U+FFFD per maximal subpart.
std::optional<std::string> IcuSanitized(std::string_view s) {
  std::u16string u(s.size() + 1, u'\0');
  int32_t n = 0, subs = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(u.data(), static_cast<int32_t>(u.size()), &n, s.data(),
                       static_cast<int32_t>(s.size()), 0xFFFD, &subs, &err);
  if (U_FAILURE(err)) return std::nullopt;
  u.resize(static_cast<size_t>(n));
  std::string out(u.size() * 3, '\0');
  int32_t m = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &m, u.data(), n, &err);
  out.resize(static_cast<size_t>(m));
  std::erase(out, '\0');
  return out;
}

bool IcuValid(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8(nullptr, 0, &n, s.data(), static_cast<int32_t>(s.size()), &err);
  return err != U_INVALID_CHAR_FOUND;
}

// The vector validator and the scalar sanitizer against ICU, on byte soup built from the values
// that matter at every boundary of Unicode Table 3-7, across 16-byte block edges.
TEST(Encoding, ValidationMatchesIcu) {
  const std::string_view pieces[] = {"a",
                                     " ",
                                     std::string_view("\0", 1),
                                     "\x80",
                                     "\x8F",
                                     "\x90",
                                     "\x9F",
                                     "\xA0",
                                     "\xBF",
                                     "\xC0",
                                     "\xC1",
                                     "\xC2",
                                     "\xDF",
                                     "\xE0",
                                     "\xE1",
                                     "\xEC",
                                     "\xED",
                                     "\xEE",
                                     "\xEF",
                                     "\xF0",
                                     "\xF1",
                                     "\xF3",
                                     "\xF4",
                                     "\xF5",
                                     "\xFF",
                                     "\xC3\xA9",
                                     "\xE2\x82\xAC",
                                     "\xF0\x9F\x98\x80",
                                     "\xED\x9F\xBF",
                                     "\xF4\x8F\xBF\xBF",
                                     "abcdefghijklmnop"};
  std::mt19937 rng(7);
  int valid = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string s;
    const int parts = static_cast<int>(rng() % 40);
    // Mostly well-formed text with an occasional odd byte, so both answers are common.
    const bool clean = rng() % 2 == 0;
    for (int i = 0; i < parts; ++i) {
      size_t k = rng() % std::size(pieces);
      if (clean && k >= 3 && k < 25 && rng() % 8 != 0) k = 25 + rng() % 6;
      s += pieces[k];
    }
    const bool want = IcuValid(s);
    valid += want;
    ASSERT_EQ(IsValidUtf8(s), want) << testing::PrintToString(s);
    ASSERT_EQ(SanitizeUtf8(s), IcuSanitized(s).value()) << testing::PrintToString(s);
  }
  EXPECT_GT(valid, 3000);
  EXPECT_LT(valid, 27000);
}

TEST(Encoding, RandomBytesGiveValidUtf8) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<size_t>(rng() % 5000), '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    if (round % 4 == 1) bytes = "<meta charset=utf-8>" + bytes;
    if (round % 4 == 2) bytes = "<meta charset=shift_jis>" + bytes;
    Result<DecodedText> t = DecodeHtml(bytes, round % 4 == 3 ? "gb18030" : "");
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(IsValidUtf8(t->utf8)) << "round " << round << " charset " << t->charset;
    ASSERT_EQ(t->utf8.find('\0'), std::string::npos);
    ASSERT_TRUE(IsValidUtf8(SanitizeUtf8(bytes)));
  }
}

// 50 MB through each path; no timing assertion, but a quadratic step would never finish.
TEST(Encoding, LargeInputsStayLinear) {
  std::string utf8_page = Page("<meta charset=utf-8>", "");
  while (utf8_page.size() < 50'000'000) utf8_page += "<p>" + std::string(kFrench) + "</p>\n";
  DecodedText t = Decode(utf8_page);
  EXPECT_EQ(t.charset, "UTF-8");
  EXPECT_EQ(t.utf8.size(), utf8_page.size());

  std::string russian_page;
  while (russian_page.size() < 50'000'000) russian_page += "<p>" + std::string(kRussian) + "</p>\n";
  t = Decode(Encode(russian_page, "windows-1251"), "windows-1251");
  EXPECT_EQ(t.utf8, russian_page);
  t = Decode(Encode(russian_page, "KOI8-R"));  // uchardet, then ICU
  EXPECT_EQ(t.charset, "KOI8-R");
  EXPECT_EQ(t.utf8, russian_page);

  const std::string cp1252 = Encode(utf8_page, "windows-1252");
  t = Decode(cp1252);  // the meta lies: uchardet over a 64 KB window
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_EQ(t.utf8.size(), utf8_page.size());

  utf8_page[utf8_page.find(' ', utf8_page.size() / 2)] = '\xFF';
  t = Decode(utf8_page);
  EXPECT_TRUE(t.lossy);
  EXPECT_EQ(t.utf8.size(), utf8_page.size() + 2);
}

}  // namespace
}  // namespace ng::extract
