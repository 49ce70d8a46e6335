// export.cc — GDELT 2.0 event / mention files, GKG 2.1 rows, JSONL and CSV of the coded events,
// and the canonical dump tests compare. Column orders are GDELT's (src/store/gdelt/*.tsv, copied
// from ../shared/tables; tests/store/test_export.py checks the counts against those files).
// Large tables are read in pages of ids, so memory stays flat.
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "base/json_writer.h"
#include "base/csv.h"
#include "store/store_impl.h"

namespace ng::store {
namespace {

constexpr const char* kEventColumns[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"};
constexpr const char* kMentionColumns[] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"};
constexpr size_t kGkgColumns = 27;

// GDELT files are tab-separated without quoting: tabs and newlines inside values become spaces.
std::string Clean(std::string s) {
  for (char& c : s) if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// "2024-03-01T12:00:00Z" -> "20240301120000"; a date alone gets 000000; "" when not a date.
std::string Stamp(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    else if (c == '+' || c == 'Z' || (c == '-' && digits.size() >= 12)) break;
    if (digits.size() == 14) break;
  }
  if (digits.size() < 8) return "";
  digits.resize(14, '0');
  return digits;
}

}  // namespace

// Streams `select … FROM … WHERE <id_col> > ? [AND extra] ORDER BY <id_col> LIMIT n` page by page.
static Status Paged(Db& db, const std::string& select, const std::string& id_col,
                    const std::function<Status(const Row&)>& fn) {
  int64_t last = -1;
  for (;;) {
    NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query(select + " WHERE " + id_col + " > ? ORDER BY " + id_col + " LIMIT 5000", {I(last)}));
    if (rows.empty()) return Status::Ok();
    for (const Row& r : rows) NG_RETURN_IF_ERROR(fn(r));
    last = std::atoll(Str(rows.back()[0]).c_str());
  }
}

Status StoreImpl::Export(ExportFormat format, std::ostream& out) {
  if (format == ExportFormat::kReviews) return ExportReviews(out);
  if (format == ExportFormat::kGdeltEvents) {
    return Paged(
        *db_,
        "SELECT id, sqldate, actor1_code, actor1_name, actor1_country, actor1_role, actor2_code, actor2_name, "
        "actor2_country, actor2_role, is_root, event_code, base_code, root_code, quad_class, goldstein, num_mentions, "
        "num_sources, num_articles, avg_tone, geo_type, geo_name, geo_fips, geo_adm1, geo_lat, geo_lon, geo_feature_id, "
        "date_added, source_url FROM event_clusters",
        "id", [&](const Row& r) {
          std::map<std::string, std::string> v;
          int64_t d = std::atoll(Str(r[1]).c_str());
          v["GLOBALEVENTID"] = Str(r[0]);
          if (d > 10000) {  // an undated event (no publication date either) leaves them empty: never year 0
            v["SQLDATE"] = Str(r[1]);
            v["MonthYear"] = std::to_string(d / 100);
            v["Year"] = std::to_string(d / 10000);
            char frac[32];
            std::snprintf(frac, sizeof frac, "%.4f", d / 10000 + ((d / 100 % 100 - 1) * 30 + d % 100) / 365.0);
            v["FractionDate"] = frac;
          }
          v["Actor1Code"] = Str(r[2]);
          v["Actor1Name"] = Str(r[3]);
          v["Actor1CountryCode"] = Str(r[4]);
          v["Actor1Type1Code"] = Str(r[5]);
          v["Actor2Code"] = Str(r[6]);
          v["Actor2Name"] = Str(r[7]);
          v["Actor2CountryCode"] = Str(r[8]);
          v["Actor2Type1Code"] = Str(r[9]);
          v["IsRootEvent"] = Str(r[10]);
          v["EventCode"] = Str(r[11]);
          v["EventBaseCode"] = Str(r[12]);
          v["EventRootCode"] = Str(r[13]);
          v["QuadClass"] = Str(r[14]);
          v["GoldsteinScale"] = FormatDouble(r[15], 1);
          v["NumMentions"] = Str(r[16]);
          v["NumSources"] = Str(r[17]);
          v["NumArticles"] = Str(r[18]);
          v["AvgTone"] = FormatDouble(r[19], 6);
          v["Actor1Geo_Type"] = v["Actor2Geo_Type"] = "0";
          v["ActionGeo_Type"] = Str(r[20]);
          if (Str(r[20]) != "0") {
            v["ActionGeo_FullName"] = Str(r[21]);
            v["ActionGeo_CountryCode"] = Str(r[22]);
            v["ActionGeo_ADM1Code"] = Str(r[23]);
            v["ActionGeo_Lat"] = FormatDouble(r[24], 4);
            v["ActionGeo_Long"] = FormatDouble(r[25], 4);
            // GDELT: a GeoNames id for cities, the ADM1 or country code otherwise.
            v["ActionGeo_FeatureID"] = Str(r[26]) != "0" ? Str(r[26]) : !Str(r[23]).empty() ? Str(r[23]) : Str(r[22]);
          }
          v["DATEADDED"] = Stamp(Str(r[27]));
          v["SOURCEURL"] = Str(r[28]);
          std::string line;
          for (const char* c : kEventColumns) {
            if (line.size() || c != kEventColumns[0]) line += '\t';
            auto it = v.find(c);
            if (it != v.end()) line += Clean(it->second);
          }
          out << line << '\n';
          return out ? Status::Ok() : IoError("write failed");
        });
  }
  if (format == ExportFormat::kGdeltMentions) {
    return Paged(
        *db_,
        "SELECT e.id, c.id, c.date_added, d.fetch_time, a.published, a.domain, a.url, e.sentence, e.actor1_code, "
        "e.actor1_begin, e.actor2_code, e.actor2_begin, e.verb_begin, length(a.text), a.tone "
        "FROM events e JOIN event_clusters c ON c.cluster_key = e.cluster_key JOIN articles a ON a.id = e.article_id "
        "JOIN documents d ON d.id = e.article_id",
        "e.id", [&](const Row& r) {
          std::string mention_time = Stamp(Str(r[3]).empty() ? Str(r[4]) : Str(r[3]));
          std::vector<std::string> v = {
              Str(r[1]), Stamp(Str(r[2])), mention_time, "1", Str(r[5]), Str(r[6]),
              std::to_string(std::atoll(Str(r[7]).c_str()) + 1),
              Str(r[8]).empty() ? "-1" : Str(r[9]), Str(r[10]).empty() ? "-1" : Str(r[11]), Str(r[12]),
              "1", "100", Str(r[13]), FormatDouble(r[14], 6), "", ""};
          std::string line;
          for (size_t i = 0; i < v.size(); ++i) line += (i ? "\t" : "") + Clean(v[i]);
          out << line << '\n';
          return out ? Status::Ok() : IoError("write failed");
        });
  }
  if (format == ExportFormat::kGkg) {
    return Paged(
        *db_,
        "SELECT a.id, a.published, d.fetch_time, a.domain, a.url, a.tone, a.tone_positive, a.tone_negative, "
        "a.tone_polarity, a.word_count, a.language FROM articles a JOIN documents d ON d.id = a.id",
        "a.id", [&](const Row& r) -> Status {
          Value id = I(std::atoll(Str(r[0]).c_str()));
          std::string date = Stamp(Str(r[1]).empty() ? Str(r[2]) : Str(r[1]));
          NG_ASSIGN_OR_RETURN(std::vector<Row> qs, db_->Query("SELECT kind, value, unit, begin_offset, country FROM quantities "
                                                              "WHERE article_id = ? ORDER BY ordinal", {id}));
          NG_ASSIGN_OR_RETURN(std::vector<Row> ps, db_->Query("SELECT kind, name, fips, adm1, lat, lon, geonames_id FROM places "
                                                              "WHERE article_id = ? ORDER BY ordinal", {id}));
          NG_ASSIGN_OR_RETURN(std::vector<Row> ms, db_->Query("SELECT e.kind, e.name, m.begin_offset, m.place_name FROM mentions m "
                                                              "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? "
                                                              "ORDER BY m.ordinal", {id}));
          std::vector<std::string> col(kGkgColumns);
          col[0] = date + "-" + Str(r[0]);
          col[1] = date;
          col[2] = "1";
          col[3] = Str(r[3]);
          col[4] = Str(r[4]);
          std::string c1, c2, amounts;
          for (const Row& q : qs) {
            std::string amount = FormatDouble(q[1], 2), unit = Clean(Str(q[2]));
            for (char& ch : unit) if (ch == '#' || ch == ';' || ch == ',') ch = ' ';
            if (!Str(q[0]).empty()) {
              std::string block = Str(q[0]) + "#" + amount + "#" + unit + "#0######";
              c1 += (c1.empty() ? "" : ";") + block;
              c2 += (c2.empty() ? "" : ";") + Str(q[0]) + "#" + amount + "#" + unit + "#0#######" + Str(q[3]);
            }
            amounts += (amounts.empty() ? "" : ";") + amount + "," + unit + "," + Str(q[3]);
          }
          col[5] = c1;
          col[6] = c2;
          std::map<std::string, std::string> first_offset;  // place name -> first mention offset
          std::string persons, orgs, epersons, eorgs, allnames;
          std::set<std::string> seen_p, seen_o;
          for (const Row& m : ms) {
            std::string kind = Str(m[0]), name = Clean(Str(m[1])), off = Str(m[2]);
            for (char& ch : name) if (ch == ';' || ch == ',' || ch == '#') ch = ' ';
            if (!Str(m[3]).empty() && !first_offset.count(Str(m[3]))) first_offset[Str(m[3])] = off;
            allnames += (allnames.empty() ? "" : ";") + name + "," + off;
            if (kind == "person") {
              if (seen_p.insert(name).second) persons += (persons.empty() ? "" : ";") + name;
              epersons += (epersons.empty() ? "" : ";") + name + "," + off;
            } else if (kind == "organization") {
              if (seen_o.insert(name).second) orgs += (orgs.empty() ? "" : ";") + name;
              eorgs += (eorgs.empty() ? "" : ";") + name + "," + off;
            }
          }
          std::string l1, l2;
          for (const Row& p : ps) {
            std::string kind = Str(p[0]), adm1 = Str(p[3]);
            std::string type = kind == "country" ? "1" : kind == "adm1" ? (Str(p[2]) == "US" ? "2" : "5")
                                                                       : (Str(p[2]) == "US" ? "3" : "4");
            std::string feature = Str(p[6]) != "0" ? Str(p[6]) : !adm1.empty() ? adm1 : Str(p[2]);
            std::string name = Clean(Str(p[1]));
            for (char& ch : name) if (ch == ';' || ch == '#') ch = ' ';
            std::string ll = FormatDouble(p[4], 4) + "#" + FormatDouble(p[5], 4);
            l1 += (l1.empty() ? "" : ";") + type + "#" + name + "#" + Str(p[2]) + "#" + adm1 + "#" + ll + "#" + feature;
            l2 += (l2.empty() ? "" : ";") + type + "#" + name + "#" + Str(p[2]) + "#" + adm1 + "##" + ll + "#" + feature +
                  "#" + (first_offset.count(Str(p[1])) ? first_offset[Str(p[1])] : "");
          }
          col[9] = l1;
          col[10] = l2;
          col[11] = persons;
          col[12] = epersons;
          col[13] = orgs;
          col[14] = eorgs;
          col[15] = FormatDouble(r[5], 6) + "," + FormatDouble(r[6], 6) + "," + FormatDouble(r[7], 6) + "," +
                    FormatDouble(r[8], 6) + ",0,0," + Str(r[9]);
          col[23] = allnames;
          col[24] = amounts;
          std::string line;
          for (size_t i = 0; i < col.size(); ++i) line += (i ? "\t" : "") + Clean(col[i]);
          out << line << '\n';
          return out ? Status::Ok() : IoError("write failed");
        });
  }
  // JSONL / CSV: one coded event per line, with its cluster counts and evidence sentence.
  std::vector<std::string> names = {"event_id", "global_event_id", "date", "actor1", "actor1_name", "actor2",
                                    "actor2_name", "cameo", "root", "plover", "plover_mode", "goldstein", "quad",
                                    "place", "place_country", "num_mentions", "num_sources", "num_articles",
                                    "url", "title", "evidence", "verb", "rules"};
  bool csv = format == ExportFormat::kCsv;
  if (csv) {
    std::string h;
    for (size_t i = 0; i < names.size(); ++i) h += (i ? "," : "") + names[i];
    out << h << "\n";
  }
  // The evidence needs the article text; fetch it once per article (events come grouped).
  int64_t cached_id = -1;
  std::string cached_text;
  return Paged(
      *db_,
      "SELECT e.id, c.id, e.sqldate, e.actor1_code, e.actor1_name, e.actor2_code, e.actor2_name, e.event_code, "
      "e.root_code, e.plover, e.plover_mode, e.goldstein, e.quad_class, e.geo_name, e.geo_country, c.num_mentions, "
      "c.num_sources, c.num_articles, a.url, a.title, e.sentence_begin, e.sentence_end, e.verb_begin, e.verb_end, e.rules, "
      "e.article_id FROM events e JOIN event_clusters c ON c.cluster_key = e.cluster_key JOIN articles a ON a.id = e.article_id",
      "e.id", [&](const Row& r) -> Status {
        int64_t aid = std::atoll(Str(r[25]).c_str());
        if (aid != cached_id) {
          NG_ASSIGN_OR_RETURN(std::vector<Row> t, db_->Query("SELECT text FROM articles WHERE id = ?", {I(aid)}));
          cached_text = t.empty() ? "" : Str(t[0][0]);
          cached_id = aid;
        }
        auto slice = [&](size_t b, size_t e) { return b < e && e <= cached_text.size() ? cached_text.substr(b, e - b) : ""; };
        std::vector<std::string> v;
        for (int i = 0; i < 20; ++i) v.push_back(i == 11 ? FormatDouble(r[i], 1) : Str(r[i]));
        v.push_back(slice(std::strtoull(Str(r[20]).c_str(), nullptr, 10), std::strtoull(Str(r[21]).c_str(), nullptr, 10)));
        v.push_back(slice(std::strtoull(Str(r[22]).c_str(), nullptr, 10), std::strtoull(Str(r[23]).c_str(), nullptr, 10)));
        v.push_back(Str(r[24]));
        // An undated event (no date in the text, no publication date) is stored as sqldate 0:
        // no date, as `code` writes it (null in JSON, an empty CSV field), never 0.
        if (std::atoll(v[2].c_str()) <= 0) v[2].clear();
        std::string line;
        if (csv) {
          for (size_t i = 0; i < v.size(); ++i) line += (i ? "," : "") + CsvField(v[i]);
        } else {
          line = "{";
          for (size_t i = 0; i < v.size(); ++i) {
            if (i) line += ",";
            AppendJsonString(line, names[i]);
            line += ":";
            bool numeric = i == 0 || i == 1 || i == 2 || i == 11 || i == 12 || (i >= 15 && i <= 17);
            if (numeric) line += v[i].empty() ? "null" : v[i];
            else AppendJsonString(line, v[i]);
          }
          line += "}";
        }
        out << line << '\n';
        return out ? Status::Ok() : IoError("write failed");
      });
}

Status StoreImpl::CanonicalDump(std::ostream& out) {
  struct Table {
    const char* name;
    const char* columns;
    const char* order;
  };
  // Provenance (URLs, paths, HTTP status, fetch/ingest times, error texts that name paths) is
  // left out: the same pages read from files, a WARC or HTTP must dump the same. So is
  // page_type_reason: it names URL signals, which depend on whether the page came with a URL.
  static const Table kTables[] = {
      {"documents", "id, content_hash, bytes, status", "id"},
      {"articles", "id, title, published, pub_date, language, site_name, section, authors, description, text, simhash, "
                   "dup_of, dup_distance, tone, tone_positive, tone_negative, tone_polarity, word_count, reason, "
                   "page_type", "id"},
      {"simhash_bands", "band, value, article_id", "band, value, article_id"},
      {"entities", "id, kind, name, country", "id"},
      {"mentions", "article_id, ordinal, entity_id, begin_offset, end_offset, text, mention_kind, role, title, sentence, "
                   "place_name", "article_id, ordinal"},
      {"places", "article_id, ordinal, kind, name, country, fips, adm1, lat, lon, geonames_id, mention_count",
       "article_id, ordinal"},
      {"quantities", "article_id, ordinal, begin_offset, end_offset, text, value, value_max, qualifier, unit, kind, "
                     "country, sentence", "article_id, ordinal"},
      {"events", "*", "id"},
      {"event_clusters", "id, cluster_key, sqldate, actor1_code, actor1_name, actor1_country, actor1_role, actor2_code, "
                         "actor2_name, actor2_country, actor2_role, event_code, base_code, root_code, goldstein, quad_class, "
                         "plover, plover_mode, is_root, geo_type, geo_name, geo_country, geo_fips, geo_adm1, geo_lat, "
                         "geo_lon, geo_feature_id, num_mentions, num_sources, num_articles, avg_tone", "id"},
  };
  static const std::set<std::string> kDoubles = {"tone", "tone_positive", "tone_negative", "tone_polarity", "lat", "lon",
                                                 "value", "value_max", "goldstein", "geo_lat", "geo_lon", "avg_tone"};
  for (const Table& t : kTables) {
    std::string cols = t.columns;
    if (cols == "*") {  // every column, in schema order (same on both backends)
      NG_ASSIGN_OR_RETURN(std::vector<Row> c,
                          db_->Query(sqlite() ? "SELECT name FROM pragma_table_info('events') ORDER BY cid"
                                              : "SELECT column_name FROM information_schema.columns WHERE table_name = "
                                                "'events' ORDER BY ordinal_position"));
      cols.clear();
      for (const Row& r : c) cols += (cols.empty() ? "" : ", ") + Str(r[0]);
    }
    std::vector<std::string> names;
    for (size_t p = 0; p < cols.size();) {
      size_t e = cols.find(',', p);
      std::string n = cols.substr(p, e == std::string::npos ? std::string::npos : e - p);
      while (!n.empty() && n.front() == ' ') n.erase(0, 1);
      names.push_back(n);
      if (e == std::string::npos) break;
      p = e + 1;
    }
    out << "## " << t.name << "\t" << cols << "\n";
    std::string from = t.name;
    if (from == "articles") {
      NG_ASSIGN_OR_RETURN(from, ArticlesTable());
    }
    NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db_->Query(std::string("SELECT ") + cols + " FROM " + from + " " + t.name +
                                                          " ORDER BY " + t.order));
    for (const Row& r : rows) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i) {
        if (i) line += '\t';
        std::string v = kDoubles.count(names[i]) ? FormatDouble(r[i], 6) : r[i] ? *r[i] : "\\N";
        for (char c : v) {
          if (c == '\\') line += "\\\\";
          else if (c == '\t') line += "\\t";
          else if (c == '\n') line += "\\n";
          else line += c;
        }
      }
      out << line << "\n";
    }
  }
  return out ? Status::Ok() : IoError("write failed");
}

}  // namespace ng::store
