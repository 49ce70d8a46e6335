#include "syntax/tagger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "newsgraph/analyze.h"

namespace ng::syntax {
namespace {

TaggedSentence S(std::vector<std::string> w, std::vector<std::string> u, std::vector<std::string> x) {
  return TaggedSentence{std::move(w), std::move(u), std::move(x)};
}

std::vector<TaggedSentence> Toy() {
  std::vector<TaggedSentence> v;
  for (int k = 0; k < 30; ++k) {
    v.push_back(S({"The", "troops", "strike", "the", "city", "."}, {"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"},
                  {"DT", "NNS", "VBP", "DT", "NN", "."}));
    v.push_back(S({"A", "strike", "hit", "the", "base", "."}, {"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"},
                  {"DT", "NN", "VBD", "DT", "NN", "."}));
    v.push_back(S({"They", "have", "left", "the", "city", "."}, {"PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT"},
                  {"PRP", "VBP", "VBN", "DT", "NN", "."}));
    v.push_back(S({"He", "has", "a", "left", "hook", "."}, {"PRON", "VERB", "DET", "ADJ", "NOUN", "PUNCT"},
                  {"PRP", "VBZ", "DT", "JJ", "NN", "."}));
  }
  return v;
}

std::vector<std::string> TagWords(const Tagger& t, std::vector<std::string_view> w, bool upos = true) {
  std::vector<uint16_t> tags(w.size());
  t.Tag(w.data(), static_cast<int>(w.size()), tags.data());
  std::vector<std::string> out;
  for (uint16_t g : tags) out.push_back(upos ? t.upos(g) : t.xpos(g));
  return out;
}

TEST(Tagger, ToyTrainingLearnsContextAndIsDeterministic) {
  TaggerTrainOptions o;
  o.iterations = 5;
  auto a = TrainTagger(Toy(), o, nullptr);
  auto b = TrainTagger(Toy(), o, nullptr);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*a)->Serialize(), (*b)->Serialize());
  EXPECT_EQ(TagWords(**a, {"A", "strike", "hit", "the", "city", "."}),
            (std::vector<std::string>{"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"}));
  EXPECT_EQ(TagWords(**a, {"The", "troops", "strike", "the", "base", "."}, false)[2], "VBP");
  EXPECT_EQ(TagWords(**a, {"He", "has", "a", "left", "hook", "."}, false)[3], "JJ");
  auto acc = EvaluateTagger(**a, Toy());
  EXPECT_EQ(acc.words, 30u * 24u);
  EXPECT_GT(acc.upos, 0.99);
}

TEST(Tagger, RoundTripsThroughBytes) {
  auto a = TrainTagger(Toy(), {}, nullptr);
  ASSERT_TRUE(a.ok());
  std::string bytes = (*a)->Serialize();
  auto b = Tagger::FromBytes(bytes);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ((*b)->Serialize(), bytes);
  EXPECT_EQ(TagWords(**a, {"They", "have", "left", "."}), TagWords(**b, {"They", "have", "left", "."}));
  EXPECT_GT((*b)->MemoryBytes(), 0u);
}

TEST(Tagger, RejectsGarbageAndCorruptModels) {
  EXPECT_EQ(Tagger::FromBytes("").status().code(), Code::kDataLoss);
  EXPECT_EQ(Tagger::FromBytes("not a model at all, just some bytes").status().code(), Code::kDataLoss);
  auto a = TrainTagger(Toy(), {}, nullptr);
  ASSERT_TRUE(a.ok());
  std::string bytes = (*a)->Serialize();
  // Every truncation and a flipped byte anywhere are errors, never a crash.
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 97)
    EXPECT_FALSE(Tagger::FromBytes(std::string_view(bytes).substr(0, cut)).ok()) << cut;
  for (size_t at = 8; at < bytes.size(); at += 1 + bytes.size() / 53) {
    std::string bad = bytes;
    bad[at] ^= 0x5A;
    EXPECT_FALSE(Tagger::FromBytes(bad).ok()) << at;
  }
  EXPECT_EQ(Tagger::Load("/nonexistent/tagger.model").status().code(), Code::kNotFound);
}

TEST(Tagger, RaggedTrainingDataIsAnError) {
  std::vector<TaggedSentence> v{S({"a", "b"}, {"DET"}, {"DT", "NN"})};
  EXPECT_FALSE(TrainTagger(v, {}, nullptr).ok());
}

TEST(Tagger, LongAndGarbageInputStaysBounded) {
  auto a = TrainTagger(Toy(), {}, nullptr);
  ASSERT_TRUE(a.ok());
  std::vector<std::string> store;
  for (int i = 0; i < 5000; ++i) store.push_back(i % 7 == 0 ? std::string(1, static_cast<char>(i & 0xFF)) : "strike");
  store.push_back(std::string(1 << 20, '\xFF'));  // a 1 MB "word"
  store.push_back("");
  std::vector<std::string_view> words(store.begin(), store.end());
  std::vector<uint16_t> tags(words.size(), 0xFFFF);
  (*a)->Tag(words.data(), static_cast<int>(words.size()), tags.data());
  for (uint16_t t : tags) EXPECT_LT(t, (*a)->num_tags());
  (*a)->Tag(words.data(), 0, tags.data());  // nothing to do
}

// The trained model (data/syntax/tagger.model, copied into the build's data dir) on news words.
TEST(TaggerModel, TagsNewsWords) {
  std::string path = DefaultResourceDir() + "/syntax/tagger.model";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path << " (make train-syntax)";
  auto t = Tagger::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(TagWords(**t, {"The", "U.S.", "military", "conducted", "airstrikes", "on", "Friday", "."}),
            (std::vector<std::string>{"DET", "PROPN", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"}));
  EXPECT_EQ(TagWords(**t, {"Workers", "did", "n't", "strike", "."}, false),
            (std::vector<std::string>{"NNS", "VBD", "RB", "VB", "."}));
  // A past tense with its particle before the object ("set off a bomb") is no reduced relative.
  auto set_off = TagWords(**t, {"Militants", "set", "off", "a", "bomb", "in", "the", "market", "."}, false);
  ASSERT_EQ(set_off.size(), 9u);
  EXPECT_EQ(set_off[1], "VBD");
}

}  // namespace
}  // namespace ng::syntax
