#include "extract/language.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace ng::extract {
namespace {

constexpr std::string_view kEnglish =
    "The government announced on Thursday a new package of measures to support households "
    "struggling with rising energy prices. The finance minister told parliament that the plan "
    "would cost about ten billion pounds over two years and would be paid for by a temporary "
    "tax on the profits of energy companies.";

constexpr std::string_view kGerman =
    "Die Bundesregierung hat am Donnerstag ein neues Paket von Maßnahmen beschlossen, um "
    "Haushalte bei den steigenden Energiepreisen zu entlasten. Der Finanzminister sagte im "
    "Bundestag, das Vorhaben werde in den kommenden zwei Jahren rund zehn Milliarden Euro "
    "kosten und über eine befristete Abgabe auf die Gewinne der Energiekonzerne finanziert.";

constexpr std::string_view kFrench =
    "Le gouvernement a annoncé jeudi un nouveau paquet de mesures pour aider les ménages "
    "confrontés à la hausse des prix de l'énergie. Le ministre des Finances a déclaré devant "
    "l'Assemblée nationale que le plan coûterait environ dix milliards d'euros sur deux ans.";

constexpr std::string_view kSpanish =
    "El Gobierno anunció el jueves un nuevo paquete de medidas para ayudar a los hogares que "
    "sufren el aumento de los precios de la energía. El ministro de Hacienda dijo ante el "
    "Congreso que el plan costará unos diez mil millones de euros en los próximos dos años.";

constexpr std::string_view kArabic =
    "أعلنت الحكومة يوم الخميس عن حزمة جديدة من الإجراءات لدعم الأسر التي تعاني من ارتفاع "
    "أسعار الطاقة. وقال وزير المالية أمام البرلمان إن الخطة ستكلف نحو عشرة مليارات دولار "
    "على مدى عامين، وسيتم تمويلها من خلال ضريبة مؤقتة على أرباح شركات الطاقة.";

constexpr std::string_view kRussian =
    "Правительство объявило в четверг о новом пакете мер поддержки семей, которые страдают "
    "от роста цен на энергоносители. Министр финансов заявил в парламенте, что план обойдётся "
    "примерно в десять миллиардов рублей в течение двух лет.";

constexpr std::string_view kJapanese =
    "政府は十五日、エネルギー価格の高騰に苦しむ家計を支援するための新たな経済対策を発表した。"
    "財務大臣は国会で、この計画には今後二年間で約十兆円の費用がかかり、エネルギー企業の利益に"
    "対する一時的な税で賄うと説明した。";

constexpr std::string_view kCroatian =
    "Vlada je u četvrtak usvojila novi paket mjera za pomoć kućanstvima koja se suočavaju s "
    "rastom cijena energije. Ministar financija rekao je u Saboru da će plan koštati oko deset "
    "milijardi kuna tijekom sljedeće dvije godine.";

TEST(Language, DetectsParagraphs) {
  EXPECT_EQ(DetectLanguage(kEnglish), "en");
  EXPECT_EQ(DetectLanguage(kGerman), "de");
  EXPECT_EQ(DetectLanguage(kFrench), "fr");
  EXPECT_EQ(DetectLanguage(kSpanish), "es");
  EXPECT_EQ(DetectLanguage(kArabic), "ar");
  EXPECT_EQ(DetectLanguage(kRussian), "ru");
  EXPECT_EQ(DetectLanguage(kJapanese), "ja");
}

TEST(Language, NormalizesDeclaredTags) {
  EXPECT_EQ(NormalizeLanguageTag("en-US"), "en");
  EXPECT_EQ(NormalizeLanguageTag("en_US"), "en");
  EXPECT_EQ(NormalizeLanguageTag("EN"), "en");
  EXPECT_EQ(NormalizeLanguageTag(" fr-CA "), "fr");
  EXPECT_EQ(NormalizeLanguageTag("zh-Hans"), "zh");
  EXPECT_EQ(NormalizeLanguageTag("zh-Hant-TW"), "zh");
  EXPECT_EQ(NormalizeLanguageTag("de, en;q=0.8"), "de");
  EXPECT_EQ(NormalizeLanguageTag("iw"), "he");
  EXPECT_EQ(NormalizeLanguageTag("in"), "id");
  EXPECT_EQ(NormalizeLanguageTag("eng"), "en");
  EXPECT_EQ(NormalizeLanguageTag("ger"), "de");
  EXPECT_EQ(NormalizeLanguageTag("pt_BR"), "pt");
  for (std::string_view junk : {"", " ", "x-default", "und", "*", "{{lang}}", "english", "e", "xx",
                                "12", "-en", "i-klingon"}) {
    EXPECT_EQ(NormalizeLanguageTag(junk), "") << junk;
  }
  EXPECT_EQ(DetectLanguage(kGerman, "de-DE"), "de");
}

TEST(Language, EmptyOrLetterlessTextUsesDeclared) {
  EXPECT_EQ(DetectLanguage("", "pt-BR"), "pt");
  EXPECT_EQ(DetectLanguage(""), "");
  EXPECT_EQ(DetectLanguage("", "x-default"), "");
  EXPECT_EQ(DetectLanguage("12:30 — 4.5% (+0.2)", "it"), "it");
  EXPECT_EQ(DetectLanguage("12:30 — 4.5% (+0.2)"), "");
}

TEST(Language, TemplateLangLosesToConfidentText) {
  // Sites keep lang="en" from their template on articles in other languages.
  EXPECT_EQ(DetectLanguage(kGerman, "en"), "de");
  EXPECT_EQ(DetectLanguage(kArabic, "en-US"), "ar");
  EXPECT_EQ(DetectLanguage(kRussian, "en"), "ru");
}

TEST(Language, ShortTextKeepsDeclared) {
  EXPECT_EQ(DetectLanguage("Berlin", "de"), "de");
  EXPECT_EQ(DetectLanguage("Obama visits Berlin", "de"), "de");
  EXPECT_EQ(DetectLanguage("Der Präsident sagte", "en"), "en");
}

TEST(Language, CloseRelativesKeepDeclared) {
  EXPECT_EQ(DetectLanguage(kCroatian), "hr");
  EXPECT_EQ(DetectLanguage(kCroatian, "bs"), "bs");
  EXPECT_EQ(DetectLanguage(kCroatian, "sr-Latn"), "sr");
}

TEST(Language, LongAndMalformedText) {
  std::string text;
  while (text.size() < 100'000) text += std::string(kFrench) + "\n";
  EXPECT_EQ(DetectLanguage(text), "fr");
  // Cut in the middle of a character at the size limit, and broken bytes: still fine.
  std::string broken = std::string(kSpanish) + "\xC3 \xFF\xFE " + std::string(kSpanish);
  EXPECT_EQ(DetectLanguage(broken), "es");
  std::string japanese;
  while (japanese.size() < 20'000) japanese += kJapanese;
  EXPECT_EQ(DetectLanguage(japanese), "ja");
}

}  // namespace
}  // namespace ng::extract
