// Dates: weekday names, months (with or without day and year), years, ISO dates and relative
// expressions ("yesterday", "last week", "three days ago"), resolved against the publication
// date. A bare weekday or month is the most recent one on or before the publication date, unless
// the sentence speaks of the future ("will", "next"), then the next one.
#include <algorithm>
#include <cstdio>

#include "analyze/internal.h"
#include "analyze/segment.h"

namespace ng {

int64_t DaysFromCivil(Ymd d) {  // H. Hinnant's algorithm
  int y = d.y - (d.m <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.m + (d.m > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(Ymd d) {
  int64_t z = DaysFromCivil(d);  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

namespace {

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool Valid(Ymd d) { return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= DaysInMonth(d.y, d.m); }

std::string IsoWeek(Ymd d) {
  int wd = Weekday(d);
  Ymd thursday = CivilFromDays(DaysFromCivil(d) - wd + 3);
  int64_t jan1 = DaysFromCivil({thursday.y, 1, 1});
  int week = static_cast<int>((DaysFromCivil(thursday) - jan1) / 7) + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.y, week);
  return buf;
}

int MonthOf(std::string_view lower) {
  static const std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                "july",    "august",   "september", "october", "november", "december"};
  static const std::string_view kAbbr[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sep.", "oct.", "nov.", "dec."};
  for (int m = 0; m < 12; ++m) {
    if (lower == kFull[m] || lower == kAbbr[m]) return m + 1;
  }
  if (lower == "sept.") return 9;
  return 0;
}

int WeekdayOf(std::string_view lower) {
  static const std::string_view kFull[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  static const std::string_view kAbbr[] = {"mon.", "tue.", "wed.", "thu.", "fri.", "sat.", "sun."};
  for (int d = 0; d < 7; ++d) {
    if (lower == kFull[d] || lower == kAbbr[d]) return d;
  }
  if (lower == "tues.") return 1;
  if (lower == "thurs.") return 3;
  return -1;
}

int SmallInt(std::string_view s, int max_digits) {
  if (s.empty() || static_cast<int>(s.size()) > max_digits) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "5", "5th", "21st"
int DayNumber(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  std::string_view suf = s.substr(n);
  if (!(suf.empty() || suf == "st" || suf == "nd" || suf == "rd" || suf == "th")) return -1;
  int d = SmallInt(s.substr(0, n), 2);
  return d >= 1 && d <= 31 ? d : -1;
}

int YearNumber(std::string_view s) {
  int y = SmallInt(s, 4);
  return s.size() == 4 && y >= 1800 && y <= 2200 ? y : -1;
}

// Nouns of events that are set for a date ahead of their time: "the 28 July vote", "elections in
// June". Such a date says nothing of the sentence's tense ("blocked her from registering for the
// 28 July vote"): it is the nearest one.
bool ScheduledNoun(std::string_view w) {
  static constexpr std::string_view kNouns[] = {
      "vote",    "votes",      "voting",   "election", "elections", "poll",      "polls",     "ballot",
      "referendum", "runoff",  "run-off",  "summit",   "deadline",  "meeting",   "talks",     "conference",
      "hearing", "trial",      "session",  "inauguration", "ceremony", "congress", "convention", "primary",
      "primaries", "caucus",   "debate",   "games",    "tournament", "final",     "visit",     "launch"};
  for (std::string_view n : kNouns)
    if (w == n) return true;
  return false;
}

// A date without a year is the nearest one the tense allows (as HeidelTime and SUTime resolve
// underspecified dates): after a future cue, the next one; in a past-tense report, the last one.
// "will", "shall", "upcoming", "scheduled" anywhere in the sentence make it future.
bool FutureSentence(const Doc& d, int tok) {
  const Sentence& s = d.SentenceOf(tok);
  for (int i = s.first_token; i < s.first_token + s.token_count; ++i) {
    const std::string& w = d.lower[i];
    if (w == "will" || w == "shall" || w == "'ll" || w == "wo" || w == "upcoming" || w == "scheduled")
      return true;
  }
  return false;
}

// The weaker future cues count only in the date's own clause (not across "said ... that",
// a comma or "and"): a present-tense schedule ("is due to", "are expected to", "is set to",
// "plans to", "is going to"), an obligation ("must", not "must have") and "the next
// vote". In the past tense they are no cue: "Assange was due to be released in September".
bool FutureClause(const Doc& d, int b, int e) {
  int sb = d.SentenceOf(b).first_token, se = d.SentenceEnd(b);
  auto is_break = [&](int k) {
    const std::string& w = d.lower[k];
    return w == "," || w == ";" || w == ":" || w == "(" || w == "that" || w == "which" || w == "who" ||
           w == "when" || w == "and" || w == "but" || w == "while" || w == "said" || w == "says";
  };
  int lo = b, hi = e;
  while (lo - 1 >= sb && !is_break(lo - 1)) --lo;
  while (hi < se && !is_break(hi)) ++hi;
  auto present_be = [&](int k) {
    if (k < sb) return false;
    const std::string& w = d.lower[k];
    return w == "is" || w == "are" || w == "'s" || w == "'re" || w == "be" || w == "am";
  };
  for (int i = lo; i + 1 < hi; ++i) {
    if (i >= b && i < e) continue;
    const std::string& w = d.lower[i];
    const std::string& n = d.lower[i + 1];
    if ((w == "must" && n != "have" && n != "'ve") || (w == "next" && ScheduledNoun(n)) || ((w == "plans" || w == "plan" || w == "planning") && n == "to" && i > lo &&
                                               d.a->tokens[i].word_class != WordClass::kNoun))
      return true;
    if ((w == "due" && (n == "to" || n == "on" || n == "in" || n == "by")) ||
        ((w == "expected" || w == "set" || w == "going") && n == "to")) {
      if (present_be(i - 1) || (i - 2 >= lo && present_be(i - 2)))  // "is due to", "is now expected to"
        return true;
    }
  }
  return false;
}

// "postponed until April", "delayed to 3 June": an act moved to the date, which is ahead of it.
bool DelayedTo(const Doc& d, int b, int sb) {
  if (b - 1 < sb) return false;
  const std::string& p = d.lower[b - 1];
  if (p != "until" && p != "till" && p != "to") return false;
  for (int k = b - 2; k >= sb && k >= b - 4; --k) {
    const std::string& l = d.a->tokens[k].lemma;
    if (l == "postpone" || l == "delay" || l == "defer" || l == "adjourn" || l == "extend" || l == "reschedule" ||
        l == "push")
      return true;
  }
  return false;
}

bool DateOfScheduledEvent(const Doc& d, int b, int e, int sb, int se) {
  if (e < se && ScheduledNoun(d.lower[e])) return true;  // "the 28 July vote"
  auto prep = [&](int k) { return d.lower[k] == "on" || d.lower[k] == "in" || d.lower[k] == "for"; };
  int n;  // the noun before the date's preposition (the date's span may already hold it)
  if (prep(b)) n = b - 1;
  else if (b - 1 >= sb && prep(b - 1)) n = b - 2;
  else return false;
  return n >= sb && ScheduledNoun(d.lower[n]);  // "elections in June", "a vote on 3 June"
}

// The one of the date's year before, its own year or the year after nearest to the publication.
Ymd Nearest(Ymd v, const Ymd& pub) {
  int64_t dp = DaysFromCivil(pub);
  Ymd best = v;
  int64_t best_gap = -1;
  for (int y = pub.y - 1; y <= pub.y + 1; ++y) {
    Ymd c{y, v.m, std::min(v.d, DaysInMonth(y, v.m))};
    int64_t gap = DaysFromCivil(c) - dp;
    if (gap < 0) gap = -gap;
    if (best_gap < 0 || gap < best_gap) best = c, best_gap = gap;
  }
  return best;
}

}  // namespace

bool ParseYmd(std::string_view s, Ymd* out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  int y = SmallInt(s.substr(0, 4), 4), m = SmallInt(s.substr(5, 2), 2), d = SmallInt(s.substr(8, 2), 2);
  if (y < 0 || m < 0 || d < 0) return false;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return false;
  Ymd v{y, m, d};
  if (!Valid(v)) return false;
  *out = v;
  return true;
}

std::string FormatYmd(Ymd d, DateMention::Granularity g) {
  char buf[32];
  switch (g) {
    case DateMention::Granularity::kYear: std::snprintf(buf, sizeof buf, "%04d", d.y); break;
    case DateMention::Granularity::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m); break;
    case DateMention::Granularity::kWeek: return IsoWeek(d);
    default: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d); break;
  }
  return buf;
}

void FindDates(Doc& d, const Ymd* pub) {
  Analysis& a = *d.a;
  using G = DateMention::Granularity;
  int n = d.NumTokens();
  auto emit = [&](int b, int e, G g, bool relative, const Ymd* when) {
    DateMention m;
    m.begin = a.tokens[b].begin;
    m.end = a.tokens[e - 1].end;
    m.text.assign(d.text.substr(m.begin, m.end - m.begin));
    m.granularity = g;
    m.relative = relative;
    m.sentence = a.tokens[b].sentence;
    if (when && Valid(*when)) m.resolved = FormatYmd(*when, g);
    a.dates.push_back(std::move(m));
    for (int i = b; i < e; ++i) d.in_date[i] = 1;
  };
  auto prep_start = [&](int i, int sb, std::string* mod) {
    if (i - 1 >= sb) {
      const std::string& p = d.lower[i - 1];
      if (p == "on" || p == "in" || p == "last" || p == "next" || p == "this" || p == "since" || p == "until" ||
          p == "by" || p == "early" || p == "late" || p == "mid") {
        *mod = p;
        if (p == "on" || p == "in" || p == "last" || p == "next" || p == "this") return i - 1;
      }
    }
    return i;
  };
  for (int i = 0; i < n; ++i) {
    if (d.in_date[i]) continue;
    const std::string& w = d.lower[i];
    int sb = d.SentenceOf(i).first_token, se = d.SentenceEnd(i);
    std::string_view tok = d.Tok(i);
    // ISO date: 2024-02-07
    if (YearNumber(w) > 0 && i + 4 < se && d.lower[i + 1] == "-" && d.lower[i + 3] == "-" && d.Touch(i, i + 1) &&
        d.Touch(i + 1, i + 2) && d.Touch(i + 2, i + 3) && d.Touch(i + 3, i + 4)) {
      Ymd v{YearNumber(w), SmallInt(d.lower[i + 2], 2), SmallInt(d.lower[i + 4], 2)};
      if (Valid(v)) {
        emit(i, i + 5, G::kDay, false, &v);
        i += 4;
        continue;
      }
    }
    bool cap = !tok.empty() && tok[0] >= 'A' && tok[0] <= 'Z';
    int wd = cap ? WeekdayOf(w) : -1;
    if (wd >= 0) {
      // "Tuesday, Feb. 6" is resolved by its month and day.
      if (i + 2 < se && d.lower[i + 1] == "," && MonthOf(d.lower[i + 2]) > 0) continue;
      std::string mod;
      int b = prep_start(i, sb, &mod);
      if (!pub) { emit(b, i + 1, G::kDay, true, nullptr); continue; }
      int pwd = Weekday(*pub);
      int64_t base = DaysFromCivil(*pub), delta;
      bool future = mod == "next" || (mod != "last" && mod != "since" && (FutureSentence(d, i) || FutureClause(d, b, i + 1)));
      if (mod == "last") delta = -(((pwd - wd) % 7 + 7) % 7 == 0 ? 7 : ((pwd - wd) % 7 + 7) % 7);
      else if (future) delta = ((wd - pwd) % 7 + 7) % 7 == 0 ? 7 : ((wd - pwd) % 7 + 7) % 7;
      else delta = -(((pwd - wd) % 7 + 7) % 7);
      Ymd v = CivilFromDays(base + delta);
      emit(b, i + 1, G::kDay, true, &v);
      continue;
    }
    int mo = cap ? MonthOf(w) : 0;
    if (mo > 0) {
      std::string mod;
      int b = prep_start(i, sb, &mod);
      int e = i + 1;
      int day = -1, year = -1;
      if (e < se && DayNumber(d.lower[e]) > 0 && !(e + 1 < se && d.lower[e + 1] == ":")) {
        day = DayNumber(d.lower[e]);
        ++e;
        if (e + 1 < se && d.lower[e] == "," && YearNumber(d.lower[e + 1]) > 0) { year = YearNumber(d.lower[e + 1]); e += 2; }
        else if (e < se && YearNumber(d.lower[e]) > 0) { year = YearNumber(d.lower[e]); ++e; }
      } else if (i - 1 >= sb && DayNumber(d.lower[i - 1]) > 0 && !d.in_date[i - 1]) {
        day = DayNumber(d.lower[i - 1]);
        b = i - 1;
        if (b - 1 >= sb && d.lower[b - 1] == "on") --b;
        if (e < se && YearNumber(d.lower[e]) > 0) { year = YearNumber(d.lower[e]); ++e; }
      } else if (e < se && YearNumber(d.lower[e]) > 0) {
        year = YearNumber(d.lower[e]);
        ++e;
      } else if (e + 1 < se && d.lower[e] == "," && YearNumber(d.lower[e + 1]) > 0) {
        year = YearNumber(d.lower[e + 1]);
        e += 2;
      }
      // "May" and "March" are also a verb and a noun: only with a day, a year or a preposition.
      if ((mo == 5 || mo == 3) && day < 0 && year < 0 && mod.empty()) continue;
      if (mo == 5 && w != "may") continue;
      bool future = mod == "next" || (mod != "last" && mod != "since" &&
                                      (FutureSentence(d, i) || FutureClause(d, b, e) || DelayedTo(d, b, sb)));
      bool scheduled = !future && mod != "last" && mod != "since" && DateOfScheduledEvent(d, b, e, sb, se);
      if (year > 0) {
        Ymd v{year, mo, day > 0 ? day : 1};
        emit(b, e, day > 0 ? G::kDay : G::kMonth, false, &v);
      } else if (!pub) {
        emit(b, e, day > 0 ? G::kDay : G::kMonth, true, nullptr);
      } else {
        Ymd v{pub->y, mo, day > 0 ? day : 1};
        if (scheduled) {
          v = Nearest(v, *pub);
        } else if (day > 0) {
          if (day > DaysInMonth(v.y, mo)) v.d = DaysInMonth(v.y, mo);
          int64_t dv = DaysFromCivil(v), dp = DaysFromCivil(*pub);
          if (mod == "last" || (!future && dv > dp)) v.y -= 1;
          else if (future && dv < dp) v.y += 1;
        } else {
          if (mod == "last" || (!future && mo > pub->m)) v.y -= 1;
          else if (future && mo < pub->m) v.y += 1;
          if (mod == "last" && mo < pub->m) v.y += 1;  // "last January" in February = this January
        }
        emit(b, e, day > 0 ? G::kDay : G::kMonth, true, &v);
      }
      i = e - 1;
      continue;
    }
    // Years after a preposition: "in 2023", "since 1990".
    if (YearNumber(w) > 0 && i - 1 >= sb) {
      const std::string& p = d.lower[i - 1];
      if (p == "in" || p == "since" || p == "by" || p == "until" || p == "during" || p == "from" || p == "before" ||
          p == "after" || p == "of" || p == "early" || p == "late" || p == "mid") {
        if (!(i + 1 < se && a.tokens[i + 1].word_class == WordClass::kNoun && !StartsUpper(d.Tok(i + 1)))) {
          Ymd v{YearNumber(w), 1, 1};
          emit(p == "in" ? i - 1 : i, i + 1, G::kYear, false, &v);
          continue;
        }
      }
    }
    if (w == "yesterday" || w == "today" || w == "tomorrow" || w == "tonight") {
      if (w == "today" && i + 1 < se && d.lower[i + 1] == "'s") continue;
      int delta = w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0;
      if (pub) {
        Ymd v = CivilFromDays(DaysFromCivil(*pub) + delta);
        emit(i, i + 1, G::kDay, true, &v);
      } else {
        emit(i, i + 1, G::kDay, true, nullptr);
      }
      continue;
    }
    if ((w == "last" || w == "this" || w == "next" || w == "past") && i + 1 < se) {
      const std::string& u = d.lower[i + 1];
      if (u == "week" || u == "weekend" || u == "month" || u == "year") {
        int dir = w == "last" || w == "past" ? -1 : w == "next" ? 1 : 0;
        int b = i;
        if (w == "this" && i - 1 >= sb && (d.lower[i - 1] == "earlier" || d.lower[i - 1] == "later")) b = i - 1;
        if (!pub) { emit(b, i + 2, u == "year" ? G::kYear : u == "month" ? G::kMonth : G::kWeek, true, nullptr); ++i; continue; }
        Ymd v = *pub;
        G g = G::kWeek;
        if (u == "week") v = CivilFromDays(DaysFromCivil(*pub) + 7 * dir);
        else if (u == "weekend") {
          // The Saturday of the weekend before (or after) the publication date.
          int pwd = Weekday(*pub);
          int64_t sat = DaysFromCivil(*pub) + (5 - pwd);
          if (dir < 0 || (dir == 0 && pwd < 5)) sat -= 7;
          if (dir > 0 && pwd >= 5) sat += 7;
          v = CivilFromDays(sat);
          g = G::kDay;
        } else if (u == "month") {
          g = G::kMonth;
          int m = pub->m + dir;
          v = {pub->y + (m < 1 ? -1 : m > 12 ? 1 : 0), m < 1 ? 12 : m > 12 ? 1 : m, 1};
        } else {
          g = G::kYear;
          v = {pub->y + dir, 1, 1};
        }
        emit(b, i + 2, g, true, &v);
        ++i;
        continue;
      }
    }
    // "three days ago", "two weeks ago"
    if (i + 2 < se && (d.lower[i + 2] == "ago" || (i + 3 < se && d.lower[i + 3] == "ago"))) {
      double value;
      int next;
      bool vague;
      if (d.lower[i] != "a" && ParseNumber(d, i, se, &value, &next, &vague) && !vague && next + 1 < se &&
          d.lower[next + 1] == "ago" && value < 10000) {
        const std::string& u = d.lower[next];
        int k = static_cast<int>(value);
        G g = G::kDay;
        int64_t days = 0;
        if (u == "day" || u == "days") days = k;
        else if (u == "week" || u == "weeks") { days = 7 * k; g = G::kWeek; }
        else if (u == "month" || u == "months") g = G::kMonth;
        else if (u == "year" || u == "years") g = G::kYear;
        else continue;
        if (!pub) { emit(i, next + 2, g, true, nullptr); i = next + 1; continue; }
        Ymd v = CivilFromDays(DaysFromCivil(*pub) - days);
        if (g == G::kMonth) {
          int m = pub->m - k;
          int y = pub->y;
          while (m < 1) { m += 12; --y; }
          v = {y, m, 1};
        } else if (g == G::kYear) {
          v = {pub->y - k, 1, 1};
        }
        emit(i, next + 2, g, true, &v);
        i = next + 1;
      }
    }
  }
}

}  // namespace ng
