// relevance.cc — only political events: which sentences of an article may yield events.
//
// A sentence about sports, markets, products or entertainment is no political event even when a
// country or a city stands in it ("Wales beat Hungary 2-0", "Japan's Nikkei declined 0.3%"). The
// decision reads topic cues (data/code/topics.txt, lemmas of each field's general vocabulary) and
// political cues (words of government, force and protest; entities with a state or armed role):
//   * a sentence with two distinct cues of one topic (a sports score "2-0" counts as a sports cue)
//     and no political cue is not political;
//   * an article whose sentences are mostly about one topic (at least a third of its sentences
//     carry a cue of that topic, twice as many as carry a political cue) keeps only its sentences
//     with a political cue.
// Every decision carries its reason, which `newsgraph explain` prints.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "code/codebook.h"
#include "newsgraph/code.h"

namespace ng {
namespace {

// "2-0", "6-4", "3–1": a result, not a range (no unit or % after it is checked by the caller).
bool IsScore(std::string_view w) {
  size_t dash = w.find('-');
  size_t len = 1;
  if (dash == std::string_view::npos) {
    dash = w.find("\xE2\x80\x93");  // en dash
    len = 3;
  }
  if (dash == std::string_view::npos || dash == 0 || dash + len >= w.size()) return false;
  auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(w.substr(0, dash)) && digits(w.substr(dash + len));
}

struct Cues {
  std::map<std::string, std::set<std::string>> topics;  // topic -> distinct cue words
  std::vector<std::string> political;
};

Cues SentenceCues(const Codebook& book, const Analysis& an, std::string_view text, int s, const std::vector<int>& ents) {
  Cues c;
  const Sentence& S = an.sentences[s];
  const int end = std::min<int>(S.first_token + S.token_count, static_cast<int>(an.tokens.size()));
  for (int i = std::max(0, S.first_token); i < end; ++i) {
    const Token& t = an.tokens[i];
    std::string_view lemma = t.lemma;
    std::string pair;
    if (i + 1 < end) pair = t.lemma + "_" + an.tokens[i + 1].lemma;
    bool pair_hit = false;
    if (!pair.empty()) {
      if (book.political_cues.count(pair)) {
        c.political.push_back(pair);
        pair_hit = true;
      } else if (auto it = book.topic_cues.find(pair); it != book.topic_cues.end()) {
        c.topics[it->second].insert(pair);
        pair_hit = true;
      }
    }
    if (pair_hit) {
      ++i;
      continue;
    }
    if (book.political_cues.count(lemma)) {
      c.political.emplace_back(lemma);
    } else if (auto it = book.topic_cues.find(lemma); it != book.topic_cues.end()) {
      c.topics[it->second].insert(std::string(lemma));
    } else {
      // A result "2-0" is one token or three (number, dash, number) with nothing between them.
      size_t b = t.begin, e = t.end;
      int last = i;
      if (i + 2 < end && an.tokens[i + 1].begin == t.end && an.tokens[i + 2].begin == an.tokens[i + 1].end) {
        e = an.tokens[i + 2].end;
        last = i + 2;
      }
      if (e <= text.size() && b < e) {
        std::string_view w = text.substr(b, e - b);
        if (!IsScore(w)) w = text.substr(t.begin, t.end - t.begin), last = i;
        bool unit_after = last + 1 < end && (an.tokens[last + 1].lemma == "%" || an.tokens[last + 1].lemma == "percent");
        if (IsScore(w) && !unit_after) {
          c.topics["sports"].insert("score " + std::string(w));
          i = last;
        }
      }
    }
  }
  for (int ei : ents) {
    const Entity& e = an.entities[ei];
    if (code::IsPoliticalRole(e.role)) c.political.push_back(e.text + " (" + e.role + ")");
  }
  return c;
}

std::string Join(const std::set<std::string>& words, size_t max) {
  std::string out;
  size_t n = 0;
  for (const std::string& w : words) {
    if (n++ == max) {
      out += ", ...";
      break;
    }
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

}  // namespace

std::vector<SentenceRelevance> DecideRelevance(const Codebook& book, const Analysis& an, std::string_view text) {
  const int ns = static_cast<int>(an.sentences.size());
  std::vector<SentenceRelevance> out(ns);
  if (book.topic_cues.empty()) return out;
  std::vector<Cues> cues(ns);
  std::vector<std::vector<int>> ents(ns);  // entities by sentence, one pass
  for (size_t i = 0; i < an.entities.size(); ++i)
    if (an.entities[i].sentence >= 0 && an.entities[i].sentence < ns) ents[an.entities[i].sentence].push_back(static_cast<int>(i));
  std::map<std::string, int> topic_sentences;
  int political_sentences = 0;
  for (int s = 0; s < ns; ++s) {
    const Sentence& S = an.sentences[s];
    if (S.first_token < 0 || S.token_count < 0 || static_cast<size_t>(S.first_token) > an.tokens.size()) continue;
    cues[s] = SentenceCues(book, an, text, s, ents[s]);
    for (const auto& [topic, words] : cues[s].topics) ++topic_sentences[topic];
    political_sentences += !cues[s].political.empty();
  }
  // The article's dominant non-political topic, if any.
  std::string article_topic;
  int best = 0;
  for (const auto& [topic, n] : topic_sentences) {
    if (n > best) {
      best = n;
      article_topic = topic;
    }
  }
  const bool dominated = ns >= 3 && best * 3 >= ns && best >= 2 * political_sentences;
  for (int s = 0; s < ns; ++s) {
    const Cues& c = cues[s];
    SentenceRelevance& r = out[s];
    if (!c.political.empty()) continue;
    for (const auto& [topic, words] : c.topics) {
      if (words.size() >= 2) {
        r.political = false;
        r.topic = topic;
        r.reason = topic + " (" + Join(words, 4) + "), no political cue";
        break;
      }
    }
    if (r.political && dominated) {
      r.political = false;
      r.topic = article_topic;
      r.reason = "an article about " + article_topic + " (" + std::to_string(best) + " of " + std::to_string(ns) +
                 " sentences), no political cue in this sentence";
    }
  }
  return out;
}

}  // namespace ng
