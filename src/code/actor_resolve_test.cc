// actor_resolve_test.cc — ng::ResolveActor on phrases written for each rule.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "code/actor_resolve.h"
#include "newsgraph/analyze.h"
#include "newsgraph/code.h"

namespace ng {
namespace {

class ActorResolveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto res = LoadResources(DefaultResourceDir());
    ASSERT_TRUE(res.ok()) << res.status().ToString();
    res_ = new std::shared_ptr<const Resources>(*res);
    auto book = LoadCodebook(DefaultCodebookDir());
    ASSERT_TRUE(book.ok()) << book.status().ToString();
    book_ = new std::shared_ptr<const Codebook>(*book);
  }
  // "country/role" of a phrase read on `date`.
  static std::string R(const std::string& phrase, const char* date = "2024-06-01") {
    auto r = ResolveActorPhrase(**book_, **res_, phrase, date);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return "error";
    return r->actor.country + "/" + r->actor.role;
  }
  static std::shared_ptr<const Resources>* res_;
  static std::shared_ptr<const Codebook>* book_;
};
std::shared_ptr<const Resources>* ActorResolveTest::res_ = nullptr;
std::shared_ptr<const Codebook>* ActorResolveTest::book_ = nullptr;

TEST(NormWords, SplitsPossessivesHyphensAndAbbreviations) {
  auto w = code::NormWords("Chad’s ex-premier, U.S. envoys' aides");
  ASSERT_EQ(w.size(), 7u);
  EXPECT_EQ(w[0].key, "chad");
  EXPECT_TRUE(w[0].possessive);
  EXPECT_EQ(w[1].key, "ex");
  EXPECT_EQ(w[2].key, "premier");
  EXPECT_TRUE(w[2].boundary);
  EXPECT_EQ(w[3].key, "u");
  EXPECT_TRUE(w[3].all_upper);
  EXPECT_TRUE(w[5].possessive);  // envoys'
  EXPECT_EQ(code::NormKey("People's Republic of China"), "people republic of china");
}

TEST_F(ActorResolveTest, CountriesAloneHaveNoRole) {
  EXPECT_EQ(R("Portugal"), "PRT/");
  EXPECT_EQ(R("the Netherlands"), "NLD/");
  EXPECT_EQ(R("Burma"), "MMR/");
}

TEST_F(ActorResolveTest, CapitalAloneIsTheGovernmentAsModifierOnlyTheCountry) {
  EXPECT_EQ(R("Ankara"), "TUR/GOV");
  EXPECT_EQ(R("MOSCOW"), "RUS/GOV");
  EXPECT_EQ(R("Ankara police"), "TUR/COP");
}

TEST_F(ActorResolveTest, DemonymsAndPossessivesGiveTheCountry) {
  EXPECT_EQ(R("Chilean lawmakers"), "CHL/LEG");
  EXPECT_EQ(R("three Kenyan nurses"), "KEN/MED");
  EXPECT_EQ(R("Peru's interior minister"), "PER/GOV");
  EXPECT_EQ(R("a senator from Brazil"), "BRA/LEG");
  EXPECT_EQ(R("Czech border guards"), "CZE/COP");
}

TEST_F(ActorResolveTest, OrganisationsCarryCountryAndSector) {
  EXPECT_EQ(R("the Bundeswehr"), "DEU/MIL");
  EXPECT_EQ(R("Mossad agents"), "ISR/SPY");
  EXPECT_EQ(R("UNICEF"), "UNO/");
  EXPECT_EQ(R("Likud"), "ISR/PTY");
  EXPECT_EQ(R("Boko Haram fighters"), "NGA/REB");
  EXPECT_EQ(R("the IMF"), "IGO/");
  EXPECT_EQ(R("European Parliament members"), "EUR/LEG");
}

TEST_F(ActorResolveTest, ANationalityBeforeABodyIsItsCountryASponsorIsNot) {
  EXPECT_EQ(R("Ukrainian National Guard"), "UKR/MIL");
  EXPECT_EQ(R("Iran's Hezbollah"), "LBN/REB");
}

TEST_F(ActorResolveTest, PersonNounsTakeTheirInstitutionsSector) {
  EXPECT_EQ(R("a navy spokesman"), "/MIL");
  EXPECT_EQ(R("Turkish police officers"), "TUR/COP");
  EXPECT_EQ(R("the head of the FBI"), "USA/COP");
  EXPECT_EQ(R("the army's commander"), "/MIL");
}

TEST_F(ActorResolveTest, GenericHeadsHandOverToTheirComplement) {
  EXPECT_EQ(R("members of the Bundestag"), "DEU/LEG");
  EXPECT_EQ(R("a band of smugglers"), "/CRM");
  EXPECT_EQ(R("dozens of schoolchildren"), "/EDU");
}

TEST_F(ActorResolveTest, FormerAndRetiredAreElites) {
  EXPECT_EQ(R("a retired general of the Greek army"), "GRC/ELI");
  EXPECT_EQ(R("former Bolivian senators"), "BOL/ELI");
  EXPECT_EQ(R("an ex-MI6 officer"), "GBR/ELI");
}

TEST_F(ActorResolveTest, LeadersByDate) {
  EXPECT_EQ(R("Jacques Chirac", "2000-05-01"), "FRA/GOV");
  EXPECT_EQ(R("Jacques Chirac", "2010-05-01"), "FRA/ELI");
  EXPECT_EQ(R("Christopher Wray", "2019-03-01"), "USA/COP");
  EXPECT_EQ(R("President Erdogan", "2020-03-01"), "TUR/GOV");
  // A leader's name before a government noun is that leader's government, in or out of office.
  EXPECT_EQ(R("the Chirac government", "1990-05-01"), "FRA/GOV");
  EXPECT_EQ(R("Chirac", "1990-05-01"), "/");  // a lone surname out of office names no one
}

TEST_F(ActorResolveTest, UnknownNamesResolveToNothing) {
  // No country from how a name sounds, and none borrowed from the place in its complement.
  EXPECT_EQ(R("Oluwaseun Adebayo-Kimani"), "/");
  EXPECT_EQ(R("Friends of Lake Toba"), "/");
  EXPECT_EQ(R("Lima Bertrand"), "/");  // a city's name inside a person's name is not the city
  auto r = ResolveActorPhrase(**book_, **res_, "Zorblat Vexmoor", "2024-06-01");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->actor.code.empty());
  EXPECT_FALSE(r->reason.empty());
}

TEST_F(ActorResolveTest, AnUnknownNameTakesItsAppositionOrOrganisation) {
  EXPECT_EQ(R("Zorblat Vexmoor, the Peruvian interior minister"), "PER/GOV");
  EXPECT_EQ(R("Zorblat Vexmoor of Hezbollah"), "LBN/REB");
  EXPECT_EQ(R("Zorblat Vexmoor of Lima"), "/");  // a place is not an affiliation
  EXPECT_EQ(R("Antonio Guterres", "2020-01-01"), "IGO/");  // an international office
}

TEST_F(ActorResolveTest, SponsorsAndFamilies) {
  EXPECT_EQ(R("Syrian-backed militias"), "/REB");  // the sponsor is not the militia's country
  EXPECT_EQ(R("the Greek prime minister's wife"), "GRC/ELI");
}

TEST_F(ActorResolveTest, GenericPeopleAndThings) {
  EXPECT_EQ(R("she"), "/UNK");
  EXPECT_EQ(R("five men"), "/UNK");
  EXPECT_EQ(R("taxi drivers in Nairobi"), "KEN/LAB");
  EXPECT_EQ(R("a hospital in Gaza"), "PSE/MED");
  EXPECT_EQ(R("Iranian missiles"), "IRN/MIL");
}

TEST_F(ActorResolveTest, MentionInsideASentence) {
  // The coder's use: a span of an analysed sentence.
  std::string text = "Yesterday the Bolivian defence minister met reporters.";
  AnalyzeOptions o;
  o.publication_date = "2024-06-01";
  auto a = Analyze(**res_, text, o);
  ASSERT_TRUE(a.ok());
  size_t b = text.find("the Bolivian"), e = text.find(" met");
  ActorResolution r = ResolveActor(**book_, *a, text, Span{b, e}, "2024-06-01");
  EXPECT_EQ(r.actor.code, "BOLGOV");
  EXPECT_EQ(r.actor.span.begin, b);
}

TEST_F(ActorResolveTest, PlaceNameBeforeAPlaceNounIsLookedUp) {
  // Seventh session: the gazetteer is read for "X province" / "X State" even though running
  // text's rules take "X State" for a longer name; diacritics of the gazetteer are optional.
  EXPECT_EQ(R("the deputy governor of Kandahar province"), "AFG/GOV");
  EXPECT_EQ(R("police commanders in Herat province"), "AFG/COP");
  EXPECT_EQ(R("the governor of Lagos State"), "NGA/GOV");
  EXPECT_EQ(R("a police chief in Lodz"), "POL/COP");
  // A word that is no place before a place noun adds nothing: role only.
  EXPECT_EQ(R("the governor of Northern Province"), "/GOV");
}

TEST_F(ActorResolveTest, TitleInThePhraseBeatsTheTablesDates) {
  // Out of office on the date per leaders.tsv, but the phrase gives a current title: in office.
  EXPECT_EQ(R("Secretary of State Rex Tillerson", "2024-06-01"), "USA/GOV");
  EXPECT_EQ(R("Rex Tillerson", "2024-06-01"), "USA/ELI");
  EXPECT_EQ(R("former Secretary of State Rex Tillerson", "2024-06-01"), "USA/ELI");
  // A namesake of another country: the phrase's country and the office's role.
  EXPECT_EQ(R("King Abdullah of Jordan", "2020-03-01"), "JOR/GOV");
}

TEST_F(ActorResolveTest, NamesWithParticlesAndPossessivePlurals) {
  EXPECT_EQ(R("al-Qaeda"), "IMG/REB");
  EXPECT_EQ(R("the Tigray People's Liberation Front"), "ETH/REB");
  // A possessive of a country still ends a name: "Ecuador's" is the owner, not part of the name.
  EXPECT_EQ(R("Peru's Congress"), "PER/LEG");
  // A phrase written all in lower case: "u.s." and "us" before a noun are the country.
  EXPECT_EQ(R("u.s. marines"), "USA/MIL");
  EXPECT_EQ(R("the us navy"), "USA/MIL");
  EXPECT_EQ(R("us"), "/");
}

TEST_F(ActorResolveTest, PeoplesOfOneStateAndNewRoleNouns) {
  EXPECT_EQ(R("Rohingya refugees"), "MMR/REF");
  EXPECT_EQ(R("Uyghur activists"), "CHN/CVL");
  EXPECT_EQ(R("Israeli settlers"), "ISR/CVL");
  EXPECT_EQ(R("a Turkish drone"), "TUR/MIL");
  EXPECT_EQ(R("Kurdish fighters"), "/REB");  // Kurds live in several states: no country
}

TEST_F(ActorResolveTest, ANationalityBeforeABodyOfAnotherCountryWins) {
  // "Labour" is also the UK party's name; here it is the minister's portfolio.
  EXPECT_EQ(R("the Croatian Labour Minister"), "HRV/GOV");
  // A possessive still names a sponsor, not the body's country; the same country changes nothing.
  EXPECT_EQ(R("Iran's Hezbollah"), "LBN/REB");
  EXPECT_EQ(R("the British Labour Party"), "GBR/PTY");
}

TEST_F(ActorResolveTest, TitleBeforeTheSurnameOfAFormerLeader) {
  // Out of office on the date: the title says it is the politician; the country comes from the
  // table's terms (all one country's), the role from the title as for a full name.
  EXPECT_EQ(R("Chancellor Merkel", "2024-06-01"), "DEU/GOV");
  EXPECT_EQ(R("former President Obama", "2024-06-01"), "USA/ELI");
  // No title: a lone surname out of office is not taken for the leader.
  EXPECT_NE(R("Merkel", "2024-06-01"), "DEU/GOV");
  // A word that names leaders of several countries gives none ("Lee": Taiwan, Korea, Singapore).
  EXPECT_EQ(R("President Lee", "2026-06-01"), "/GOV");
}

TEST_F(ActorResolveTest, ShortNamesSpeltWithLowerCase) {
  // Three-letter names the tables spell in lower case need only a capital letter.
  EXPECT_EQ(R("the Fed"), "USA/GOV");
  EXPECT_EQ(R("Lao soldiers"), "LAO/MIL");
  // An inner capital marks a short name too.
  EXPECT_EQ(R("AfD"), "DEU/PTY");
  // Two-letter acronyms still need capitals, and function words are never names.
  EXPECT_EQ(R("Un officials"), "/GOV");
  EXPECT_EQ(R("the new officials"), "/GOV");
  // A name the tables write with an inner capital matches only so written: "Let" is a word.
  EXPECT_EQ(R("LeT"), "PAK/REB");
  EXPECT_EQ(R("Let"), "/");
}

TEST_F(ActorResolveTest, CountryBeforeAPlaceOfAnotherCountryIsAPersonsName) {
  // A country or capital word as a given name before a one-word place name as a surname: no
  // country from either.
  EXPECT_EQ(R("Kenya Moore"), "/");
  EXPECT_EQ(R("Cairo Santos"), "/");
  // A place of the same country, or a role noun after the run, keeps the country.
  EXPECT_EQ(R("Kenya Moore police"), "KEN/COP");
}

TEST_F(ActorResolveTest, ANameALongerNameInOfficeBeginsWith) {
  // Out of office under the short name, in office under a longer one (a regnal number): the
  // holder in office on the date.
  EXPECT_EQ(R("King Abdullah", "2020-01-01"), "JOR/GOV");
  // Before the longer name's term the short name's own holder stands.
  EXPECT_EQ(R("King Abdullah", "2010-01-01"), "SAU/GOV");
}

}  // namespace
}  // namespace ng
