// ng_bench_syntax — the tagger and parser on UD English-EWT and on news (`make bench-syntax`).
//
//   ng_bench_syntax [--data DIR] [--min-seconds S] [--split dev|test] EWT_DIR NEWS_GOLD_DIR
//
// 1. Gold tokenisation (EWT words): UPOS, XPOS; UAS, LAS with predicted tags (every word counts,
//    punctuation included, as in the CoNLL 2018 shared task).
// 2. Raw text: each "# text" line through ng::Analyze (our tokeniser, tagger, parser), words aligned
//    to the gold words by byte offsets: tokeniser P/R/F1 and aligned F1 of UPOS, UAS, LAS (a word
//    scores when its span matches and, for UAS/LAS, its head's span matches too).
// 3. Speed: tagging + parsing of the news texts' sentences (split and tokenised by ng::Analyze
//    beforehand, not timed) on one thread, CPU time; peak RSS; model load time and memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/file.h"
#include "newsgraph/analyze.h"
#include "syntax/conllu.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/tagset.h"

namespace {

using ng::syntax::ConlluSentence;

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

long PeakRssKb() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

double F1(double right, double pred, double gold) {
  double p = pred ? right / pred : 0, r = gold ? right / gold : 0;
  return p + r > 0 ? 200 * p * r / (p + r) : 0;
}

struct GoldScores {
  size_t words = 0, upos = 0, xpos = 0, head = 0, label = 0;
};

GoldScores ScoreGold(const ng::syntax::Tagger& tagger, const ng::syntax::Parser* parser,
                     const std::vector<ConlluSentence>& gold) {
  GoldScores s;
  std::vector<std::string_view> forms;
  std::vector<uint16_t> tags;
  std::vector<uint8_t> upos, xpos;
  ng::syntax::ParseOutput out;
  for (const ConlluSentence& sent : gold) {
    int n = static_cast<int>(sent.words.size());
    forms.clear();
    for (const auto& w : sent.words) forms.push_back(w.form);
    tags.resize(n);
    tagger.Tag(forms.data(), n, tags.data());
    upos.resize(n);
    xpos.resize(n);
    for (int i = 0; i < n; ++i) {
      upos[i] = ng::syntax::UposId(tagger.upos(tags[i]));
      xpos[i] = ng::syntax::XposId(tagger.xpos(tags[i]));
      s.upos += tagger.upos(tags[i]) == sent.words[i].upos;
      s.xpos += tagger.xpos(tags[i]) == sent.words[i].xpos;
    }
    s.words += n;
    if (parser == nullptr) continue;
    parser->Parse({forms.data(), upos.data(), xpos.data(), nullptr, n}, &out);
    for (int i = 0; i < n; ++i) {
      bool h = out.head[i] + 1 == sent.words[i].head;
      s.head += h;
      s.label += h && std::string_view(ng::syntax::DeprelName(out.deprel[i])) == sent.words[i].deprel;
    }
  }
  return s;
}

// Byte spans of the gold words in the sentence text; {npos, npos} when a word's form is not found
// next in the text (a multiword token whose parts are not substrings, e.g. a spelling fix).
std::vector<std::pair<size_t, size_t>> GoldSpans(const ConlluSentence& s) {
  std::vector<std::pair<size_t, size_t>> spans;
  size_t pos = 0;
  for (const auto& w : s.words) {
    size_t at = s.text.find(w.form, pos);
    if (at == std::string::npos || at > pos + 16) {
      spans.push_back({std::string::npos, std::string::npos});
      continue;
    }
    spans.push_back({at, at + w.form.size()});
    pos = at + w.form.size();
  }
  return spans;
}

struct RawScores {
  size_t gold = 0, pred = 0, match = 0, upos = 0, head = 0, label = 0;
};

void ScoreRaw(const ng::Resources& res, const std::vector<ConlluSentence>& gold, RawScores* r) {
  for (const ConlluSentence& s : gold) {
    if (s.text.empty()) continue;
    ng::AnalyzeOptions opt;
    opt.sentences = {{0, s.text.size()}};
    auto a = ng::Analyze(res, s.text, opt);
    if (!a.ok()) continue;
    auto gspans = GoldSpans(s);
    std::map<std::pair<size_t, size_t>, int> gold_at;
    for (size_t i = 0; i < gspans.size(); ++i)
      if (gspans[i].first != std::string::npos) gold_at[gspans[i]] = static_cast<int>(i);
    r->gold += s.words.size();
    r->pred += a->tokens.size();
    for (const ng::Token& t : a->tokens) {
      auto it = gold_at.find({t.begin, t.end});
      if (it == gold_at.end()) continue;
      const auto& gw = s.words[it->second];
      ++r->match;
      r->upos += ng::UposName(t.upos) == gw.upos;
      std::pair<size_t, size_t> pred_head =
          t.head < 0 ? std::pair<size_t, size_t>{0, 0} : std::pair<size_t, size_t>{a->tokens[t.head].begin, a->tokens[t.head].end};
      std::pair<size_t, size_t> gold_head = gw.head == 0 ? std::pair<size_t, size_t>{0, 0} : gspans[gw.head - 1];
      bool h = (t.head < 0) == (gw.head == 0) && pred_head == gold_head;
      r->head += h;
      r->label += h && std::string_view(t.head < 0 ? "root" : ng::DeprelName(t.deprel)) == gw.deprel;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = ng::DefaultResourceDir(), ewt, news;
  double min_seconds = 3;
  std::vector<std::string> splits = {"dev", "test"};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--min-seconds" && i + 1 < argc) min_seconds = std::atof(argv[++i]);
    else if (a == "--split" && i + 1 < argc) splits = {argv[++i]};
    else if (ewt.empty()) ewt = a;
    else news = a;
  }
  if (ewt.empty() || news.empty()) {
    std::fprintf(stderr, "usage: ng_bench_syntax [--data DIR] [--min-seconds S] [--split dev|test] EWT_DIR NEWS_GOLD_DIR\n");
    return 2;
  }
  if (!std::filesystem::is_directory(ewt) || !std::filesystem::is_directory(news)) {
    std::printf("bench-syntax: skipped: %s or %s is absent (../shared not mounted?)\n", ewt.c_str(), news.c_str());
    return 0;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto res = ng::LoadResources(data);
  double load_all = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!res.ok()) {
    std::fprintf(stderr, "load: %s\n", res.status().ToString().c_str());
    return 1;
  }
  ng::SyntaxInfo info = ng::GetSyntaxInfo(**res);
  if (!info.tagger) {
    std::printf("bench-syntax: skipped: %s\n", info.note.c_str());
    return 0;
  }
  // The models again, directly, for the gold-token scores and the speed run.
  auto tagger = ng::syntax::Tagger::Load(data + "/syntax/tagger.model");
  auto parser = ng::syntax::Parser::Load(data + "/syntax/parser.model");
  if (!tagger.ok()) return 1;
  const ng::syntax::Parser* p = parser.ok() ? parser->get() : nullptr;
  std::printf("syntax models: load %.3f s (all analysis resources %.3f s), %.1f MB in memory%s%s\n",
              info.load_seconds, load_all, info.memory_bytes / 1e6, info.note.empty() ? "" : "; ",
              info.note.c_str());

  std::printf("\nUD English-EWT      | UPOS  | XPOS  | UAS   | LAS   || raw text: tok F1 | UPOS F1 | UAS F1 | LAS F1\n");
  for (const std::string& split : splits) {
    auto bytes = ng::ReadFile(ewt + "/en_ewt-ud-" + split + ".conllu");
    if (!bytes.ok()) return 1;
    auto gold = ng::syntax::ReadConllu(*bytes);
    if (!gold.ok()) return 1;
    GoldScores g = ScoreGold(**tagger, p, *gold);
    RawScores r;
    ScoreRaw(**res, *gold, &r);
    double w = g.words;
    std::printf("%-19s | %5.2f | %5.2f | %5.2f | %5.2f ||          %6.2f  |  %6.2f | %6.2f | %6.2f\n",
                (split + " (" + std::to_string(g.words) + " w)").c_str(), 100 * g.upos / w, 100 * g.xpos / w,
                100 * g.head / w, 100 * g.label / w, F1(r.match, r.pred, r.gold), F1(r.upos, r.pred, r.gold),
                F1(r.head, r.pred, r.gold), F1(r.label, r.pred, r.gold));
  }

  // Speed on news sentences.
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(news))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) {
    auto t = ng::ReadFile(path.string());
    if (t.ok()) texts.push_back(std::move(*t));
  }
  std::vector<std::vector<std::string_view>> sentences;
  ng::AnalyzeOptions opt;
  opt.syntax = false;
  size_t words = 0;
  for (const std::string& t : texts) {
    auto a = ng::Analyze(**res, t, opt);
    if (!a.ok()) continue;
    for (const ng::Sentence& s : a->sentences) {
      sentences.emplace_back();
      for (int i = s.first_token; i < s.first_token + s.token_count; ++i)
        sentences.back().push_back(std::string_view(t).substr(a->tokens[i].begin, a->tokens[i].end - a->tokens[i].begin));
      words += s.token_count;
    }
  }
  std::vector<uint16_t> tags;
  std::vector<uint8_t> upos, xpos;
  ng::syntax::ParseOutput out;
  size_t done = 0, passes = 0;
  double tag_cpu = 0;
  double cpu0 = ThreadCpuSeconds();
  do {
    for (const auto& s : sentences) {
      int n = static_cast<int>(s.size());
      tags.resize(n);
      double c = ThreadCpuSeconds();
      (*tagger)->Tag(s.data(), n, tags.data());
      tag_cpu += ThreadCpuSeconds() - c;
      upos.resize(n);
      xpos.resize(n);
      for (int i = 0; i < n; ++i) {
        upos[i] = ng::syntax::UposId((*tagger)->upos(tags[i]));
        xpos[i] = ng::syntax::XposId((*tagger)->xpos(tags[i]));
      }
      if (p) p->Parse({s.data(), upos.data(), xpos.data(), nullptr, n}, &out);
    }
    done += sentences.size();
    ++passes;
  } while (ThreadCpuSeconds() - cpu0 < min_seconds);
  double cpu = ThreadCpuSeconds() - cpu0;
  std::printf("\nnews speed (scrapinghub-aeb gold, %zu texts, %zu sentences, %.1f words/sentence, %zu passes, one thread, CPU time):\n",
              texts.size(), sentences.size(), sentences.empty() ? 0.0 : double(words) / sentences.size(), passes);
  std::printf("  tagging + parsing  %8.0f sentences/s  (target >= 10000)\n", done / cpu);
  std::printf("  tagging alone      %8.0f sentences/s  (%.1f us/sentence; timer overhead included)\n", done / tag_cpu,
              1e6 * tag_cpu / done);
  std::printf("  peak RSS           %8.1f MB\n", PeakRssKb() / 1024.0);
  return 0;
}
