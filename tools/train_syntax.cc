// train_syntax — rebuilds data/syntax/tagger.model and data/syntax/parser.model from UD
// English-EWT (`make train-syntax`). Deterministic: the same treebank gives the same bytes.
//
//   train_syntax --corpus ../shared/corpora/ud-english-ewt --out data/syntax [--test]
//
// Train on train, choose on dev; --test also reports the test split (report it once).
//
// What the parser trains on: the parser sees predicted tags at run time, so training it on gold
// tags overstates how much it can trust them. Jackknifing (tag each tenth of train with a tagger
// trained on the other nine tenths) gives the parser realistic tags; with --jackknife K the parser
// trains on K-fold predicted tags, otherwise on gold tags (plus the parser's own tag_noise, its
// side of the contract). See docs/SYNTAX.md for the measured difference.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "base/file.h"
#include "syntax/conllu.h"
#include "syntax/tagger.h"
#include "syntax/tagset.h"
#ifdef NG_HAVE_PARSER
#include "syntax/parser.h"
#endif

namespace {

using ng::syntax::ConlluSentence;
using ng::syntax::TaggedSentence;

std::vector<TaggedSentence> ToTagged(const std::vector<ConlluSentence>& in) {
  std::vector<TaggedSentence> out(in.size());
  for (size_t s = 0; s < in.size(); ++s)
    for (const auto& w : in[s].words) {
      out[s].words.push_back(w.form);
      out[s].upos.push_back(w.upos);
      out[s].xpos.push_back(w.xpos);
    }
  return out;
}

ng::Result<std::vector<ConlluSentence>> ReadSplit(const std::string& dir, const char* split) {
  std::string path = dir + "/en_ewt-ud-" + split + ".conllu";
  NG_ASSIGN_OR_RETURN(std::string data, ng::ReadFile(path));
  return ng::syntax::ReadConllu(data);
}

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int Fail(const ng::Status& s) {
  std::cerr << "train_syntax: " << s.ToString() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpora/ud-english-ewt", out = "data/syntax";
  bool test = false, tagger = true, parser = true;
  int jackknife = 0;
  ng::syntax::TaggerTrainOptions topt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--corpus") corpus = next();
    else if (a == "--out") out = next();
    else if (a == "--test") test = true;
    else if (a == "--tagger-only") parser = false;
    else if (a == "--parser-only") tagger = false;
    else if (a == "--jackknife") jackknife = std::atoi(next().c_str());
    else if (a == "--tagger-iterations") topt.iterations = std::atoi(next().c_str());
    else if (a == "--lex-min") topt.lex_min_count = std::atoi(next().c_str());
    else if (a == "--dict-min") topt.dict_min_count = std::atoi(next().c_str());
    else {
      std::cerr << "usage: train_syntax [--corpus DIR] [--out DIR] [--test] [--tagger-only|--parser-only] [--jackknife K]\n";
      return 2;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  auto train = ReadSplit(corpus, "train");
  if (!train.ok()) return Fail(train.status());
  auto dev = ReadSplit(corpus, "dev");
  if (!dev.ok()) return Fail(dev.status());
  auto tst = ReadSplit(corpus, "test");
  if (!tst.ok()) return Fail(tst.status());
  std::filesystem::create_directories(out);
  std::vector<TaggedSentence> ttrain = ToTagged(*train), tdev = ToTagged(*dev), ttest = ToTagged(*tst);

  std::unique_ptr<ng::syntax::Tagger> model;
  if (tagger) {
    auto t = ng::syntax::TrainTagger(ttrain, topt, &std::cerr);
    if (!t.ok()) return Fail(t.status());
    model = std::move(*t);
    ng::Status st = model->Save(out + "/tagger.model");
    if (!st.ok()) return Fail(st);
    auto d = ng::syntax::EvaluateTagger(*model, tdev);
    std::printf("tagger dev: UPOS %.2f%% XPOS %.2f%% (%zu words)\n", 100 * d.upos, 100 * d.xpos, d.words);
    if (test) {
      auto e = ng::syntax::EvaluateTagger(*model, ttest);
      std::printf("tagger test: UPOS %.2f%% XPOS %.2f%% (%zu words)\n", 100 * e.upos, 100 * e.xpos, e.words);
    }
    std::printf("tagger trained in %.1f s\n", Seconds(t0));
  }
#ifdef NG_HAVE_PARSER
  if (parser) {
    std::vector<ConlluSentence> ptrain = *train;
    if (jackknife > 1) {
      // Replace the gold tags of each fold by those of a tagger that never saw that fold.
      for (int k = 0; k < jackknife; ++k) {
        std::vector<TaggedSentence> part;
        for (size_t s = 0; s < ttrain.size(); ++s)
          if (static_cast<int>(s % jackknife) != k) part.push_back(ttrain[s]);
        // One direction only: the fold taggers stand in for the real one at a fifth of its cost
        // (about 0.2 points less UPOS on dev), which keeps make train-syntax well inside 30 minutes.
        ng::syntax::TaggerTrainOptions fold_opt = topt;
        fold_opt.bidirectional = false;
        auto t = ng::syntax::TrainTagger(part, fold_opt, nullptr);
        if (!t.ok()) return Fail(t.status());
        std::vector<std::string_view> words;
        std::vector<uint16_t> tags;
        for (size_t s = k; s < ttrain.size(); s += jackknife) {
          words.assign(ttrain[s].words.begin(), ttrain[s].words.end());
          tags.resize(words.size());
          (*t)->Tag(words.data(), static_cast<int>(words.size()), tags.data());
          for (size_t i = 0; i < words.size(); ++i) {
            ptrain[s].words[i].upos = (*t)->upos(tags[i]);
            ptrain[s].words[i].xpos = (*t)->xpos(tags[i]);
          }
        }
        std::cerr << "jackknife fold " << k + 1 << "/" << jackknife << " tagged\n";
      }
    }
    ng::syntax::ParserTrainOptions popt;
    auto p = ng::syntax::TrainParser(ptrain, *dev, popt, &std::cerr);
    if (!p.ok()) return Fail(p.status());
    ng::Status st = (*p)->Save(out + "/parser.model");
    if (!st.ok()) return Fail(st);
    auto gold = ng::syntax::EvaluateParser(**p, *dev);
    std::printf("parser dev (gold tags): UAS %.2f%% LAS %.2f%%\n", gold.uas(), gold.las());
    if (model != nullptr) {
      auto predicted = [&](const std::vector<ConlluSentence>& sents,
                           std::vector<std::vector<uint8_t>>* upos, std::vector<std::vector<uint8_t>>* xpos) {
        std::vector<std::string_view> words;
        std::vector<uint16_t> tags;
        for (const auto& s : sents) {
          words.clear();
          for (const auto& w : s.words) words.push_back(w.form);
          tags.resize(words.size());
          model->Tag(words.data(), static_cast<int>(words.size()), tags.data());
          upos->emplace_back();
          xpos->emplace_back();
          for (uint16_t t : tags) {
            upos->back().push_back(ng::syntax::UposId(model->upos(t)));
            xpos->back().push_back(ng::syntax::XposId(model->xpos(t)));
          }
        }
      };
      std::vector<std::vector<uint8_t>> u, x;
      predicted(*dev, &u, &x);
      auto pd = ng::syntax::EvaluateParser(**p, *dev, &u, &x);
      std::printf("parser dev (predicted tags): UAS %.2f%% LAS %.2f%%\n", pd.uas(), pd.las());
      if (test) {
        std::vector<std::vector<uint8_t>> tu, tx;
        predicted(*tst, &tu, &tx);
        auto pt = ng::syntax::EvaluateParser(**p, *tst, &tu, &tx);
        std::printf("parser test (predicted tags): UAS %.2f%% LAS %.2f%%\n", pt.uas(), pt.las());
      }
    }
  }
#else
  (void)parser;
  (void)jackknife;
  std::fprintf(stderr, "train_syntax: built without the parser (src/syntax/parser.cc absent)\n");
#endif
  std::printf("total %.1f s\n", Seconds(t0));
  return 0;
}
