#include "newsgraph/analyze.h"

#include <gtest/gtest.h>

#include <string>

#include "analyze/internal.h"
#include "analyze/lemma.h"
#include "analyze/resources.h"
#include "syntax/tagset.h"

namespace ng {
namespace {

const Resources& Res() {
  static std::shared_ptr<const Resources> res = [] {
    auto r = LoadResources(DefaultResourceDir());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return std::shared_ptr<const Resources>();
    }
    return *r;
  }();
  return *res;
}

Analysis AnalyzeText(std::string_view text, std::string_view date = "2024-02-07") {
  AnalyzeOptions opt;
  opt.publication_date = date;
  auto a = Analyze(Res(), text, opt);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Analysis{};
}

std::vector<std::string> SentenceTexts(const Analysis& a, std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

const Entity* FindEntity(const Analysis& a, std::string_view text, EntityKind kind) {
  for (const Entity& e : a.entities) {
    if (e.text == text && e.kind == kind) return &e;
  }
  return nullptr;
}

// ---- sentences and tokens ----------------------------------------------------------------------

TEST(Sentences, AbbreviationsDoNotEndSentences) {
  std::string t = "U.S. Secretary of State Antony Blinken met Gen. Smith and Dr. J. Doe in Washington. "
                  "The U.N. envoy spoke at 3.5 p.m. on Friday. He left.";
  Analysis a = AnalyzeText(t);
  EXPECT_EQ(SentenceTexts(a, t),
            (std::vector<std::string>{"U.S. Secretary of State Antony Blinken met Gen. Smith and Dr. J. Doe in Washington.",
                                      "The U.N. envoy spoke at 3.5 p.m. on Friday.", "He left."}));
}

TEST(Sentences, AcronymAtSentenceEndBeforeOpener) {
  std::string t = "The sanctions were imposed by the U.S. He questioned them.";
  Analysis a = AnalyzeText(t);
  EXPECT_EQ(SentenceTexts(a, t), (std::vector<std::string>{"The sanctions were imposed by the U.S.", "He questioned them."}));
}

TEST(Sentences, EndInsideQuotes) {
  std::string t = "He said \u201cIraq is not an arena.\u201d Then he left. \"We will stay.\" She agreed.";
  Analysis a = AnalyzeText(t);
  EXPECT_EQ(SentenceTexts(a, t), (std::vector<std::string>{"He said \u201cIraq is not an arena.\u201d", "Then he left.",
                                                            "\"We will stay.\"", "She agreed."}));
}

TEST(Tokens, KeepsAcronymsNumbersAndSplitsClitics) {
  std::string t = "The U.S.-led coalition hit 2,500 targets in Iran\u2019s west.";
  Analysis a = AnalyzeText(t);
  std::vector<std::string> toks;
  for (const Token& k : a.tokens) toks.emplace_back(t.substr(k.begin, k.end - k.begin));
  EXPECT_EQ(toks, (std::vector<std::string>{"The", "U.S.", "-", "led", "coalition", "hit", "2,500", "targets", "in",
                                            "Iran", "\u2019s", "west", "."}));
}

TEST(Lemmas, MorphyOverWordNet) {
  const Lemmatizer& lm = *Res().lemmatizer;
  EXPECT_EQ(lm.Lemma("struck", Lemmatizer::kVerb), "strike");
  EXPECT_EQ(lm.Lemma("fled", Lemmatizer::kVerb), "flee");
  EXPECT_EQ(lm.Lemma("met", Lemmatizer::kVerb), "meet");
  EXPECT_EQ(lm.Lemma("killed", Lemmatizer::kVerb), "kill");
  EXPECT_EQ(lm.Lemma("members", Lemmatizer::kNoun), "member");
  EXPECT_EQ(lm.Lemma("militias", Lemmatizer::kNoun), "militia");
  Analysis a = AnalyzeText("Troops fled after rockets struck the base.");
  std::vector<std::string> lemmas;
  for (const Token& k : a.tokens) lemmas.push_back(k.lemma);
  EXPECT_EQ(lemmas, (std::vector<std::string>{"troop", "flee", "after", "rocket", "strike", "the", "base", "."}));
}

// ---- entities -------------------------------------------------------------------------------

TEST(Entities, TitledPersonsWithCountryAndCoreference) {
  std::string t = "Iraqi Foreign Minister Fuad Hussein spoke with U.S. Secretary of State Antony Blinken. "
                  "The talks were long. Hussein said more. He also called Blinken.";
  Analysis a = AnalyzeText(t);
  const Entity* fuad = FindEntity(a, "Fuad Hussein", EntityKind::kPerson);
  ASSERT_NE(fuad, nullptr);
  EXPECT_EQ(fuad->country, "IRQ");
  EXPECT_EQ(fuad->role, "GOV");
  EXPECT_EQ(fuad->title, "Foreign Minister");
  const Entity* blinken = FindEntity(a, "Antony Blinken", EntityKind::kPerson);
  ASSERT_NE(blinken, nullptr);
  EXPECT_EQ(blinken->country, "USA");
  EXPECT_EQ(blinken->title, "Secretary of State");
  // "He" reaches back across a sentence without persons to the last person named (Hussein).
  int he = -1, later = -1;
  for (size_t i = 0; i < a.entities.size(); ++i) {
    if (a.entities[i].text == "He") he = static_cast<int>(i);
    if (a.entities[i].text == "Blinken") later = static_cast<int>(i);
  }
  ASSERT_GE(he, 0);
  EXPECT_EQ(a.entities[he].name, "Fuad Hussein");
  EXPECT_EQ(a.entities[he].mention, MentionKind::kPronoun);
  ASSERT_GE(later, 0);
  EXPECT_EQ(a.entities[later].name, "Antony Blinken");
  EXPECT_EQ(a.entities[a.entities[later].antecedent].text, "Antony Blinken");
}

// A surname that is also a town's name is the person again once the person was named in full;
// after "in" it is still the town.
TEST(Entities, APlaceNamedSurnameAfterTheFullNameIsThePerson) {
  std::string t = "Ian Hamilton, a drug policy expert, spoke on Monday. Hamilton urged caution. "
                  "The clinic is in Hamilton.";
  Analysis a = AnalyzeText(t);
  int person = -1, town = -1;
  for (size_t i = 0; i < a.entities.size(); ++i) {
    if (a.entities[i].text != "Hamilton") continue;
    if (a.entities[i].kind == EntityKind::kPerson) person = static_cast<int>(i);
    if (a.entities[i].kind == EntityKind::kLocation) town = static_cast<int>(i);
  }
  ASSERT_GE(person, 0);
  EXPECT_EQ(a.entities[person].name, "Ian Hamilton");
  EXPECT_EQ(a.entities[person].mention, MentionKind::kPartialName);
  ASSERT_GE(town, 0);
  EXPECT_GT(a.entities[town].begin, a.entities[person].begin);
}

// A pronoun skips the latest person when a title says the gender does not fit ("Queen").
TEST(Entities, PronounSkipsAPersonOfTheOtherGender) {
  std::string t = "Prime Minister John Key met Queen Margrethe in Copenhagen. He said the talks went well.";
  Analysis a = AnalyzeText(t);
  const Entity* he = FindEntity(a, "He", EntityKind::kPerson);
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->name, "John Key");
  std::string t2 = "Prime Minister Erna Solberg met King Harald in Oslo. She said the talks went well.";
  Analysis b = AnalyzeText(t2);
  const Entity* she = FindEntity(b, "She", EntityKind::kPerson);
  ASSERT_NE(she, nullptr);
  EXPECT_EQ(she->name, "Erna Solberg");
}

// A given name (data/given_names.tsv) and one or two more name words make a person anywhere in a
// sentence, not only before "said"; a body's name, a plural noun or a headline do not.
TEST(Entities, AGivenNameOpensAPersonsNameAndTellsTheGender) {
  Analysis a = AnalyzeText("A row involving Taylor Swift, her label and two politicians is over.");
  EXPECT_NE(FindEntity(a, "Taylor Swift", EntityKind::kPerson), nullptr);
  Analysis b = AnalyzeText("Christian Democrats won the vote in Berlin.");
  EXPECT_EQ(FindEntity(b, "Christian Democrats", EntityKind::kPerson), nullptr);
  Analysis c = AnalyzeText("Trump Says Taylor Swift Should Win The Award");
  EXPECT_EQ(FindEntity(c, "Taylor Swift", EntityKind::kPerson), nullptr);
  // "she" skips a man whose gender only his given name tells.
  Analysis d = AnalyzeText("Prime Minister Erna Solberg met Prime Minister John Key in Oslo. She said the talks went well.");
  const Entity* she = FindEntity(d, "She", EntityKind::kPerson);
  ASSERT_NE(she, nullptr);
  EXPECT_EQ(she->name, "Erna Solberg");
}

// A country after a capitalised word: a person with a given name ("Michael Jordan"), the
// country's region after a compass word ("Western Cambodia"), else a firm's branch ("Lexus
// Philippines"), which is no place.
TEST(Entities, ACountryAfterACapitalisedWord) {
  Analysis a = AnalyzeText("Troops retook a village in Western Cambodia, and Lexus Philippines opened a store.");
  std::vector<std::string> countries;
  for (const Place& p : a.places) countries.push_back(p.country);
  EXPECT_EQ(countries, (std::vector<std::string>{"KHM"}));
  EXPECT_NE(FindEntity(a, "Lexus Philippines", EntityKind::kOrganization), nullptr);
}

// A capitalised word of 7+ letters that no word list knows, one typing slip from exactly one
// country name or demonym, is that country ("Ethopia"); short words are never guessed ("Irqa").
TEST(Entities, MisspeltCountryNames) {
  Analysis a = AnalyzeText("Ethopia and Afganistan signed a deal, and Irqa did not.");
  std::vector<std::string> countries;
  for (const Place& p : a.places) countries.push_back(p.country);
  EXPECT_EQ(countries, (std::vector<std::string>{"ETH", "AFG"}));
}

// An unknown capitalised name before "said" is a person unless its last word names a body.
TEST(Entities, UntitledReportingNamesEndingInABodyWordAreOrganisations) {
  Analysis a = AnalyzeText("The Met Office said storms would reach Scotland. Northfield Transit Authority "
                           "said trains would stop. Jane Doe said she would wait.");
  EXPECT_NE(FindEntity(a, "Met Office", EntityKind::kOrganization), nullptr);
  EXPECT_EQ(FindEntity(a, "Met Office", EntityKind::kPerson), nullptr);
  EXPECT_NE(FindEntity(a, "Northfield Transit Authority", EntityKind::kOrganization), nullptr);
  EXPECT_NE(FindEntity(a, "Jane Doe", EntityKind::kPerson), nullptr);
}

TEST(Entities, NestedOrganisationsTakeTheirCountry) {
  Analysis a = AnalyzeText("A statement from the Iraqi foreign ministry followed. Iran's Revolutionary Guard denied it, "
                   "and the U.S. Treasury Department and the U.S.-led international military coalition did not.");
  const Entity* e = FindEntity(a, "Iraqi foreign ministry", EntityKind::kOrganization);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->country, "IRQ");
  EXPECT_EQ(e->role, "GOV");
  e = FindEntity(a, "Revolutionary Guard", EntityKind::kOrganization);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->country, "IRN");
  EXPECT_EQ(e->role, "MIL");
  e = FindEntity(a, "U.S. Treasury Department", EntityKind::kOrganization);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->country, "USA");
  // "U.S.-led": the coalition is led by the U.S., it is not a U.S. organisation.
  e = FindEntity(a, "international military coalition", EntityKind::kOrganization);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->country, "");
  EXPECT_EQ(e->role, "IGO");
}

TEST(Entities, ListsOfCountriesAndPlaces) {
  Analysis a = AnalyzeText("Strikes hit targets in Iraq, Syria and Yemen, officials in Washington said.");
  std::vector<std::string> countries;
  for (const Entity& e : a.entities) {
    if (e.kind == EntityKind::kLocation) countries.push_back(e.country);
  }
  EXPECT_EQ(countries, (std::vector<std::string>{"IRQ", "SYR", "YEM", "USA"}));
  bool dc = false;
  for (const Place& p : a.places) {
    if (p.kind == Place::Kind::kCity && p.adm1 == "USDC") dc = true;
    if (p.kind == Place::Kind::kCountry && p.country == "IRQ") {
      EXPECT_EQ(p.fips, "IZ");
    }
  }
  EXPECT_TRUE(dc);
}

TEST(Syntax, AHeadlinePresentTenseAfterItsSubjectIsTheVerb) {
  // Without the repair the tagger reads "call" as a noun compound with the names before it.
  Analysis a = AnalyzeText("Brazil and Chile call on Venezuela to free the detained activists.");
  ASSERT_GE(a.tokens.size(), 4u);
  const Token& call = a.tokens[3];
  EXPECT_EQ(call.xpos, syntax::XposId("VBP"));
  EXPECT_EQ(call.head, -1);  // the root of its sentence
  // A sentence with a finite verb is left as the tagger read it.
  Analysis b = AnalyzeText("Brazil and Chile called on Venezuela to free the detained activists.");
  ASSERT_GE(b.tokens.size(), 4u);
  EXPECT_EQ(b.tokens[3].xpos, syntax::XposId("VBD"));
}

TEST(Syntax, AnEdFormReadAsAnAdjectiveAfterAnAcronymSubjectIsThePastTense) {
  // The tagger reads "The OAS imposed sanctions" as one noun phrase; the repair finds its verb.
  Analysis a = AnalyzeText("The OAS imposed sanctions on the junta.");
  ASSERT_GE(a.tokens.size(), 4u);
  EXPECT_EQ(a.tokens[2].lemma, "impose");
  EXPECT_EQ(a.tokens[2].xpos, syntax::XposId("VBD"));
  // A capitalised heading is left as it is.
  Analysis b = AnalyzeText("MAKING SPICED HONEY PEAR JAM");
  ASSERT_GE(b.tokens.size(), 2u);
  EXPECT_NE(b.tokens[1].xpos, syntax::XposId("VBD"));
}

TEST(Entities, ACapitalisedModalAfterAFirstNameIsASurname) {
  Analysis a = AnalyzeText("Foreign Secretary Margaret May flew to Oslo on Monday.");
  EXPECT_NE(FindEntity(a, "Margaret May", EntityKind::kPerson), nullptr);
  // A lowercase modal stays a modal.
  Analysis b = AnalyzeText("Margaret said talks may resume in Oslo.");
  EXPECT_EQ(FindEntity(b, "Margaret said talks may", EntityKind::kPerson), nullptr);
}

TEST(Entities, ShortCountryNamesAndKosovo) {
  // News writes "Bosnia" and "Brunei", not the ISO names; Kosovo has no ISO 3166-1 row (XKX, the
  // user-assigned code the EU and IMF use; CAMEO KSV).
  Analysis a = AnalyzeText("Envoys from Bosnia and Brunei met in Pristina, the capital of Kosovo.");
  std::vector<std::string> countries;
  for (const Place& p : a.places) countries.push_back(p.country);
  EXPECT_EQ(countries, (std::vector<std::string>{"BIH", "BRN", "XKX", "XKX"}));
}

TEST(Entities, JordanThePersonIsNotACountry) {
  Analysis a = AnalyzeText("Michael Jordan said he would visit. An attack in Jordan killed three.");
  int jordans = 0;
  for (const Entity& e : a.entities) {
    if (e.kind == EntityKind::kLocation && e.country == "JOR") ++jordans;
  }
  EXPECT_EQ(jordans, 1);
  EXPECT_NE(FindEntity(a, "Michael Jordan", EntityKind::kPerson), nullptr);
}

TEST(Entities, GazetteerNamesWithoutTheirDiacritics) {
  // cities.tsv spells "Kandahār" and "Łódź"; English news writes them without the marks.
  Analysis a = AnalyzeText("Fighting spread to Kandahar on Monday. Trade unions marched in Lodz.");
  const Entity* k = FindEntity(a, "Kandahar", EntityKind::kLocation);
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->country, "AFG");
  const Entity* l = FindEntity(a, "Lodz", EntityKind::kLocation);
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->country, "POL");
  EXPECT_EQ(PlaceNameCountry(Res(), "Kandahar"), "AFG");
  EXPECT_EQ(PlaceNameCountry(Res(), "Kandahār"), "AFG");
  EXPECT_EQ(PlaceNameCountry(Res(), "Ohio"), "USA");       // a US state
  EXPECT_EQ(PlaceNameCountry(Res(), "Portugal"), "PRT");   // a country
  EXPECT_EQ(PlaceNameCountry(Res(), "Valencia"), "");  // Spain and Venezuela: no guess
  EXPECT_EQ(PlaceNameCountry(Res(), "Xqzzy"), "");
}

TEST(Entities, APlaceWordInsideABodysNameIsNoPlace) {
  // "Alliance" (Ohio) is the head of the body's name; "Kenya" is inside one; alone they are places.
  Analysis a = AnalyzeText("The European Farmers' Alliance called for aid. Officials of the Kenya Wildlife Service "
                           "moved lions to Kenya from Alliance, Ohio.");
  const Entity* org = FindEntity(a, "European Farmers' Alliance", EntityKind::kOrganization);
  EXPECT_NE(org, nullptr);
  int kenya = 0, alliance = 0;
  for (const Entity& e : a.entities) {
    if (e.kind != EntityKind::kLocation) continue;
    kenya += e.text == "Kenya";
    alliance += e.text == "Alliance";
  }
  EXPECT_EQ(kenya, 1);
  EXPECT_EQ(alliance, 1);
  // The head inside the place's own name stays the place.
  EXPECT_NE(FindEntity(AnalyzeText("Settlers moved into the West Bank."), "West Bank", EntityKind::kLocation), nullptr);
}

TEST(Entities, NameParticlesStayInsideNames) {
  Analysis a = AnalyzeText("\"We will go on,\" said Pieter Van Damme, a farmer. Ursula von der Leyen said the "
                           "plan was agreed, said Maria de la Cruz.");
  EXPECT_NE(FindEntity(a, "Pieter Van Damme", EntityKind::kPerson), nullptr);
  EXPECT_NE(FindEntity(a, "Ursula von der Leyen", EntityKind::kPerson), nullptr);
  EXPECT_NE(FindEntity(a, "Maria de la Cruz", EntityKind::kPerson), nullptr);
}

TEST(Entities, GeorgiaFollowsContext) {
  Analysis us = AnalyzeText("Voters in Atlanta and across Georgia went to the polls, as did voters in Texas.");
  const Entity* g = FindEntity(us, "Georgia", EntityKind::kLocation);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->country, "USA");
  Analysis geo = AnalyzeText("Russian troops stayed in Georgia, officials in Tbilisi said.");
  g = FindEntity(geo, "Georgia", EntityKind::kLocation);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->country, "GEO");
}

// ---- quantities ------------------------------------------------------------------------------

const Quantity* FindQ(const Analysis& a, std::string_view text) {
  for (const Quantity& q : a.quantities) {
    if (q.text == text) return &q;
  }
  return nullptr;
}

TEST(Quantities, NumbersWordsCommasAndKinds) {
  Analysis a = AnalyzeText("An attack killed three U.S. service members and wounded eighty-five civilians. "
                   "Approximately 2,500 U.S. troops remain. Police arrested a dozen protesters.");
  const Quantity* q = FindQ(a, "three U.S. service members");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 3);
  EXPECT_EQ(q->kind, "KILL");
  EXPECT_EQ(q->country, "USA");
  EXPECT_EQ(q->unit, "service members");
  q = FindQ(a, "eighty-five civilians");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 85);
  EXPECT_EQ(q->kind, "WOUND");
  q = FindQ(a, "Approximately 2,500 U.S. troops");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 2500);
  EXPECT_EQ(q->qualifier, "approximately");
  q = FindQ(a, "a dozen protesters");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 12);
  EXPECT_EQ(q->kind, "ARREST");
}

TEST(Quantities, RangesVagueAndPassive) {
  Analysis a = AnalyzeText("Between 20 and 30 people were killed. Dozens of homes burned. At least 1,200 residents were evacuated.");
  const Quantity* q = FindQ(a, "Between 20 and 30 people");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 20);
  EXPECT_EQ(q->value_max, 30);
  EXPECT_EQ(q->qualifier, "range");
  EXPECT_EQ(q->kind, "KILL");
  q = FindQ(a, "Dozens of homes");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->qualifier, "at_least");
  EXPECT_EQ(q->unit, "homes");
  q = FindQ(a, "At least 1,200 residents");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value, 1200);
  EXPECT_EQ(q->kind, "EVACUATE");
  Analysis b = AnalyzeText("Officials said 15-20 fighters died in 2023.");
  q = FindQ(b, "15-20 fighters");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->value_max, 20);
  EXPECT_EQ(q->kind, "KILL");
  EXPECT_EQ(b.quantities.size(), 1u);  // the year is a date, not a count
}

// ---- dates ----------------------------------------------------------------------------------

std::string Resolved(const Analysis& a, std::string_view text) {
  for (const DateMention& d : a.dates) {
    if (d.text == text) return d.resolved;
  }
  return "<missing>";
}

TEST(Dates, RelativeToPublication) {
  Analysis a = AnalyzeText("It happened on Tuesday, after talks began in January and stalled last week. In July, banks were "
                   "restricted. Yesterday, a deal was signed on March 3, 2021. The vote will be held on Friday.");
  EXPECT_EQ(Resolved(a, "on Tuesday"), "2024-02-06");
  EXPECT_EQ(Resolved(a, "in January"), "2024-01");
  EXPECT_EQ(Resolved(a, "last week"), "2024-W05");
  EXPECT_EQ(Resolved(a, "In July"), "2023-07");
  EXPECT_EQ(Resolved(a, "Yesterday"), "2024-02-06");
  EXPECT_EQ(Resolved(a, "on March 3, 2021"), "2021-03-03");
  EXPECT_EQ(Resolved(a, "on Friday"), "2024-02-09");  // future tense: the coming Friday
}

TEST(Dates, YearBoundaries) {
  Analysis a = AnalyzeText("Talks began in December and resumed on Dec. 30. Officials met on Monday and last month.", "2024-01-02");
  EXPECT_EQ(Resolved(a, "in December"), "2023-12");
  EXPECT_EQ(Resolved(a, "on Dec. 30"), "2023-12-30");
  EXPECT_EQ(Resolved(a, "on Monday"), "2024-01-01");
  EXPECT_EQ(Resolved(a, "last month"), "2023-12");
  Analysis b = AnalyzeText("The summit will open in January.", "2023-12-28");
  EXPECT_EQ(Resolved(b, "in January"), "2024-01");
  Analysis c = AnalyzeText("Polls close next week.", "2020-12-29");
  EXPECT_EQ(Resolved(c, "next week"), "2021-W01");
}

TEST(Dates, TheNearestDateTheTenseAllows) {
  // Published 2024-04-18: future cues resolve forward, a past report back, a date of a scheduled
  // event (a vote, elections) to the nearest one whatever the verb's tense.
  auto one = [](std::string_view text) {
    Analysis a = AnalyzeText(text, "2024-04-18");
    return a.dates.size() == 1 ? a.dates[0].resolved : "(" + std::to_string(a.dates.size()) + " dates)";
  };
  EXPECT_EQ(one("The vote is due to take place on 28 July."), "2024-07-28");
  EXPECT_EQ(one("Existing deals must be wound down by 31 May."), "2024-05-31");
  EXPECT_EQ(one("Talks are expected to resume on 5 May."), "2024-05-05");
  EXPECT_EQ(one("A decision was postponed until June."), "2024-06");
  EXPECT_EQ(one("They blocked her from registering for the 28 July vote."), "2024-07-28");
  EXPECT_EQ(one("It came months before the elections in June."), "2024-06");
  EXPECT_EQ(one("The next vote is on 4 March."), "2025-03-04");
  EXPECT_EQ(one("Rebels attacked the town on 28 July."), "2023-07-28");
  EXPECT_EQ(one("Rebels attacked the town in June."), "2023-06");
  EXPECT_EQ(one("The next day, rebels attacked the town on 28 July."), "2023-07-28");
  EXPECT_EQ(one("The victim must have died on 28 July."), "2023-07-28");
  // Weaker cues count in the date's own clause only, and not in the past tense.
  EXPECT_EQ(one("The president said on 2 June that China is going to make a deal."), "2023-06-02");
  EXPECT_EQ(one("Assange was due to be released in September."), "2023-09");
  EXPECT_EQ(one("Fire weather has lasted since October, and the utility was set to cut power."), "2023-10");
}

TEST(Dates, Calendar) {
  EXPECT_EQ(Weekday({2024, 2, 7}), 2);  // Wednesday
  EXPECT_EQ(CivilFromDays(DaysFromCivil({2024, 3, 1}) - 1).d, 29);
  Ymd y;
  EXPECT_TRUE(ParseYmd("2024-02-07T10:00:00Z", &y));
  EXPECT_FALSE(ParseYmd("2024-02-30", &y));
  EXPECT_FALSE(ParseYmd("yesterday", &y));
}

// ---- tone and bad input ---------------------------------------------------------------------

TEST(Tone, CountsPositiveAndNegativeWords) {
  Analysis a = AnalyzeText("The attack killed civilians. The agreement brought peace and hope.");
  ASSERT_EQ(a.sentence_tone.size(), 2u);
  EXPECT_GT(a.sentence_tone[0].negative, 0);
  EXPECT_LT(a.sentence_tone[0].score, 0);
  EXPECT_GT(a.sentence_tone[1].score, 0);
  EXPECT_EQ(a.tone.word_count, a.sentence_tone[0].word_count + a.sentence_tone[1].word_count);
}

TEST(BadInput, EmptyMixedScriptsAndInvalidSpans) {
  Analysis e = AnalyzeText("");
  EXPECT_TRUE(e.sentences.empty());
  EXPECT_TRUE(e.entities.empty());
  std::string mixed = "Президент Путин met 習近平 in Beijing. \xff\xfe broken bytes in Iraq. مرحبا 3 soldiers killed.";
  Analysis m = AnalyzeText(mixed);
  EXPECT_GE(m.sentences.size(), 2u);
  for (const Token& t : m.tokens) EXPECT_LE(t.end, mixed.size());
  AnalyzeOptions bad_date;
  bad_date.publication_date = "07/02/2024";
  EXPECT_FALSE(Analyze(Res(), "abc", bad_date).ok());
  AnalyzeOptions bad;
  bad.sentences = {{0, 2}, {1, 3}};
  auto r = Analyze(Res(), "abcdef", bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  bad.sentences = {{0, 100}};
  EXPECT_FALSE(Analyze(Res(), "abcdef", bad).ok());
  bad.sentences = {{0, 1}};
  EXPECT_FALSE(Analyze(Res(), "\xc3\xa9t\xc3\xa9", bad).ok());  // splits a UTF-8 character
}

TEST(BadInput, HugeSentenceIsCutNotFatal) {
  std::string big;
  while (big.size() < (2u << 20)) big += "word after word without any stop ";
  Analysis a = AnalyzeText(big);
  ASSERT_FALSE(a.sentences.empty());
  for (const Sentence& s : a.sentences) EXPECT_LE(s.end - s.begin, 4096u);
}

}  // namespace
}  // namespace ng
