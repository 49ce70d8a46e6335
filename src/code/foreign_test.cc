// Unit tests for user TABARI / PETRARCH dictionaries (foreign_dict.cc, foreign.cc): each test
// writes a tiny dictionary set to a temporary folder and codes sentences through the public API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include "base/test_budget.h"
#include "base/test_temp_dir.h"
#include "code/foreign_dict.h"
#include "newsgraph/code.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

// A scratch directory named after this test file.
struct TempDir : testutil::TempDir {
  TempDir() : testutil::TempDir("ng_foreign_test") {}
};

using Triple = std::tuple<std::string, std::string, std::string>;

std::set<Triple> Triples(const std::vector<Event>& events) {
  std::set<Triple> out;
  for (const Event& e : events) out.insert({e.source.code, e.target.code, e.cameo});
  return out;
}

const char* kTabariVerbs =
    "<SYNSETS>\n"
    "&TIES\n"
    "+DIPLOMATIC\n"
    "+TRADE_\n"
    "</SYNSETS>\n"
    "RESTOR  [064] ; stem: restore, restored\n"
    "- * &TIES TIES  [065]\n"
    "- NOT *  [112]\n"
    "OPPOS  [112]\n"
    "LEFT_  [032:033]\n"
    "MET  [031]\n"
    "- % HAVE *  [036]\n"
    "SOCCER  [###]\n";

const char* kTabariActors =
    "ARNOR  [ARN]\n"
    "GONDOR\n"
    "+MINAS_TIRITH\n"
    "\t[GON]\n"
    "GOLLUM  [HOB <950601] [HOBGOV 950601-990815] [HOBREB >990816]\n"
    "OSGILIATH  [OSG]\n"
    "ERIADOR  [ERI]\n";

const char* kTabariAgents =
    "GOVERNMENT_  [~GOV]\n"
    "FOREIGN_MINISTER_  [~GOVFRM]\n"
    "MSF_  [NGO~]\n";

std::unique_ptr<ForeignCoder> LoadTabari(const TempDir& dir) {
  dir.Write("t.verbs", kTabariVerbs);
  dir.Write("t.actors", kTabariActors);
  dir.Write("t.agents", kTabariAgents);
  auto r = LoadForeignDictionaries(dir.path());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r.value()) : nullptr;
}

TEST(ForeignDictionaries, VerbPatternBeatsTheVerbsOwnCode) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  EXPECT_EQ(
      Triples(coder->CodeSentence("Arnor restored full trade ties with Gondor.", "1995-01-01")),
      (std::set<Triple>{{"ARN", "GON", "065"}}));
  EXPECT_EQ(Triples(coder->CodeSentence("Arnor restored order with Gondor.", "1995-01-01")),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  auto ev = coder->CodeSentence("Arnor did not restore relations with Gondor.", "1995-01-01");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "112");
  ASSERT_FALSE(ev[0].rules.empty());
  EXPECT_NE(ev[0].rules[0].find("t.verbs:6"), std::string::npos) << ev[0].rules[0];
}

TEST(ForeignDictionaries, ActorCodeFollowsTheDate) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  const char* s = "Gollum restored ties with Gondor.";
  EXPECT_EQ(Triples(coder->CodeSentence(s, "1994-12-31")),
            (std::set<Triple>{{"HOB", "GON", "064"}}));
  EXPECT_EQ(Triples(coder->CodeSentence(s, "1997-03-01")),
            (std::set<Triple>{{"HOBGOV", "GON", "064"}}));
  EXPECT_EQ(Triples(coder->CodeSentence(s, "2003-03-01")),
            (std::set<Triple>{{"HOBREB", "GON", "064"}}));
}

TEST(ForeignDictionaries, AgentsAttachToTheirActor) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  EXPECT_EQ(
      Triples(coder->CodeSentence(
          "Arnor's foreign minister restored ties with the Gondor government.", "1995-01-01")),
      (std::set<Triple>{{"ARNGOVFRM", "GONGOV", "064"}}));
  auto ev = coder->CodeSentence("Arnor's foreign minister restored ties with Gondor.", "1995-01-01");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.text, "Arnor's foreign minister");  // the words that named the actor
  EXPECT_EQ(ev[0].source.span.begin, 0u);
  EXPECT_EQ(ev[0].target.text, "Gondor");
  EXPECT_EQ(ev[0].verb.begin, 25u);
  EXPECT_EQ(Triples(coder->CodeSentence("MSF Arnor restored ties with Gondor.", "1995-01-01")),
            (std::set<Triple>{{"NGOARN", "GON", "064"}}));
}

TEST(ForeignDictionaries, CompoundsAndPairedCodesExpand) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  EXPECT_EQ(
      Triples(coder->CodeSentence("Arnor and Eriador restored ties with Gondor.", "1995-01-01")),
      (std::set<Triple>{{"ARN", "GON", "064"}, {"ERI", "GON", "064"}}));
  // "032:033": the visitor leaves for the host, the host receives the visitor.
  EXPECT_EQ(Triples(coder->CodeSentence("Arnor left for Minas Tirith on Monday.", "1995-01-01")),
            (std::set<Triple>{{"ARN", "GON", "032"}, {"GON", "ARN", "033"}}));
  // "%": the members of a compound act on each other.
  EXPECT_EQ(Triples(coder->CodeSentence("Arnor and Gondor have met.", "1995-01-01")),
            (std::set<Triple>{{"ARN", "GON", "036"}, {"GON", "ARN", "036"}}));
}

TEST(ForeignDictionaries, PassiveSwapsSourceAndTarget) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  EXPECT_EQ(
      Triples(coder->CodeSentence("Eriador was opposed by Osgiliath in the talks.", "1995-01-01")),
      (std::set<Triple>{{"OSG", "ERI", "112"}}));
}

TEST(ForeignDictionaries, DiscardCodeAndDiscardFileDropTheSentence) {
  TempDir dir;
  auto coder = LoadTabari(dir);
  ASSERT_NE(coder, nullptr);
  ForeignCoder::Input in;
  in.sentence = "Arnor played soccer with Gondor.";
  in.date = "1995-01-01";
  auto r = coder->Code(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().discarded);
  EXPECT_TRUE(r.value().events.empty());

  TempDir pdir;
  pdir.Write("x_verbs.txt", "--- RESTORE [064] ---\nRESTORE\n");
  pdir.Write("x_actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
  pdir.Write("x_discards.txt", "BASEBALL\n+TYPHOON  # story level\n");
  auto p = LoadForeignDictionaries(pdir.path());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(Triples((*p)->CodeSentence("Arnor restored ties with Gondor.", "1995-01-01")),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  in.sentence = "Arnor restored baseball ties with Gondor.";
  auto r2 = (*p)->Code(in);
  ASSERT_TRUE(r2.ok());
  EXPECT_TRUE(r2.value().discarded);
}

TEST(ForeignDictionaries, PetrarchDyadOptionAndParse) {
  TempDir dir;
  dir.Write("v_verbs.txt",
            "&TIES\n+DIPLOMATIC\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES TIES [065]\n"
            "--- SAY [023] ---\nSAY {SAID}\n");
  dir.Write("v_actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
  dir.Write("v_agents.txt", "OFFICIAL [~GOV]\n");
  auto coder = LoadForeignDictionaries(dir.path());
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  ForeignCoder::Input in;
  in.sentence = "An official said so.";
  in.date = "1995-01-01";
  auto r = (*coder)->Code(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().events.empty());  // require_dyad defaults to true
  in.options = {{"require_dyad", "false"}};
  r = (*coder)->Code(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Triples(r.value().events), (std::set<Triple>{{"---GOV", "---", "023"}}));

  in.options.clear();
  in.sentence = "Arnor restored diplomatic ties with Gondor.";
  in.parse =
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (JJ diplomatic) (NNS ties)) "
      "(PP (IN with) (NP (NNP Gondor)))) (. .)))";
  r = (*coder)->Code(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Triples(r.value().events), (std::set<Triple>{{"ARN", "GON", "065"}}));
  in.parse = "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored)";
  EXPECT_EQ((*coder)->Code(in).status().code(), Code::kInvalidArgument);
}

TEST(ForeignDictionaries, MalformedLinesNameFileAndLine) {
  struct Case {
    const char* file;
    const char* text;
    const char* where;
  } cases[] = {
      {"a.verbs", "RESTOR [064]\n- * DIPLOMATIC [065\n", "a.verbs:2"},
      {"a.verbs", "RESTOR [064]\n- DIPLOMATIC TIES [065]\n", "a.verbs:2: pattern has no '*'"},
      {"a.verbs", "- * TIES [065]\n", "a.verbs:1: pattern before any verb"},
      {"a.verbs", "RESTOR [064]\n- * {TIES [065]\n", "a.verbs:2: '{' without '}'"},
      {"a.actors", "ARNOR [ARN]\nGOLLUM [HOB 95x601-990815]\n", "a.actors:2: bad date range"},
      {"a.actors", "ARNOR [ARN]\n\t[GON]\n", nullptr},  // a code line continues ARNOR: fine
      {"a.actors", "\t[GON]\n", "a.actors:1: code line without a name"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    dir.Write("a.verbs", "RESTOR [064]\n");
    dir.Write("a.actors", "ARNOR [ARN]\n");
    dir.Write(c.file, c.text);
    auto r = LoadForeignDictionaries(dir.path());
    if (c.where == nullptr) {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      continue;
    }
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.where), std::string::npos) << r.status().message();
  }
  TempDir empty;
  EXPECT_EQ(LoadForeignDictionaries(empty.path()).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(LoadForeignDictionaries(empty.path() + "/missing").status().code(), Code::kNotFound);
}

TEST(ForeignDictionaries, SynsetCyclesAndDepthAreErrorsNotCrashes) {
  std::string verbs = "<SYNSETS>\n";
  for (int i = 0; i < 40; ++i)
    verbs += "&S" + std::to_string(i) + "\n+&S" + std::to_string(i + 1) + "\n";
  verbs += "&S40\n+X\n&LOOP\n+&LOOP\n</SYNSETS>\nRESTOR [064]\n- * &S0 [065]\n";
  foreign::Dictionaries d;
  Status st = foreign::ReadTabariVerbs(verbs, "deep.verbs", &d);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("deep.verbs:"), std::string::npos) << st.message();
  foreign::Dictionaries d2;
  st = foreign::ReadTabariVerbs(
      "<SYNSETS>\n&LOOP\n+&LOOP\n</SYNSETS>\nRESTOR [064]\n- * &LOOP [065]\n", "loop.verbs", &d2);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
}

TEST(ForeignDictionaries, LongSentenceAndManyActorsInBoundedTime) {
  TempDir dir;
  std::string actors, sentence;
  for (int i = 0; i < 200; ++i)
    actors += "LAND" + std::to_string(i) + "_  [L" + std::to_string(i) + "]\n";
  dir.Write("b.actors", actors);
  dir.Write("b.verbs", "RESTOR [064]\n- * A B C D E F [065]\n- $ X * + Y [066]\n");
  auto coder = LoadForeignDictionaries(dir.path());
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  for (int i = 0; i < 5000; ++i) {
    sentence += (i % 25 == 0) ? "Land" + std::to_string((i / 25) % 200) : std::string("word");
    sentence += (i % 13 == 0) ? ", " : " ";  // asides longer than comma_max stay
    if (i == 2500) sentence += "restored ";
  }
  auto start = std::chrono::steady_clock::now();
  auto ev = (*coder)->CodeSentence(sentence, "2000-01-01");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(secs, 2.0 * testutil::kTimeBudgetScale);
  EXPECT_FALSE(ev.empty());
}

TEST(ForeignDictionaries, HugeSynsetAgainstManyVerbsStaysBounded) {
  TempDir dir;
  std::string verbs = "<SYNSETS>\n&MONEY\n";
  for (int i = 0; i < 3000; ++i) verbs += "+COIN" + std::to_string(i) + " OF GOLD\n";
  verbs += "</SYNSETS>\nGIVE [070]\n- * &MONEY TO + [071]\n- $ &MONEY * [072]\n";
  dir.Write("h.verbs", verbs);
  dir.Write("h.actors", "ARNOR_ [ARN]\nGONDOR_ [GON]\n");
  auto coder = LoadForeignDictionaries(dir.path());
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  std::string sentence = "Arnor";
  for (int i = 0; i < 2500; ++i) sentence += " gives coins";
  sentence += " to Gondor.";
  ForeignCoder::Input in;
  in.sentence = sentence;
  in.date = "2000-01-01";
  in.options = {{"CODE ALL", "TRUE"}};
  auto start = std::chrono::steady_clock::now();
  auto r = (*coder)->Code(in);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok());
  EXPECT_LT(secs, 10.0 * testutil::kTimeBudgetScale);
  EXPECT_FALSE(r.value().events.empty());
}

TEST(ForeignDictionaries, GarbageFilesLoadOrFailButNeverCrash) {
  unsigned seed = 12345;
  auto rnd = [&]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  const std::string alphabet = "AB_ -+*$%^&{}|[]<>#;~=0123456789\t\n";
  for (int round = 0; round < 200; ++round) {
    std::string verbs = "RESTOR [064]\n", actors = "ARNOR [ARN]\n";
    for (int i = 0; i < 200; ++i) verbs += alphabet[rnd() % alphabet.size()];
    for (int i = 0; i < 200; ++i) actors += alphabet[rnd() % alphabet.size()];
    TempDir dir;
    dir.Write("g.verbs", verbs);
    dir.Write("g.actors", actors);
    auto r = LoadForeignDictionaries(dir.path());
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
      const std::string& m = r.status().message();
      EXPECT_TRUE(m.find("g.verbs:") != std::string::npos ||
                  m.find("g.actors:") != std::string::npos)
          << m;
      continue;
    }
    (*r)->CodeSentence("Arnor restored AB ties with B_A, - * $ & Gondor.", "2000-01-01");
  }
}

}  // namespace
}  // namespace ng
