// postgres_db.cc — Db over libpqxx: `?` placeholders become $n, inserted rows are buffered per
// table and sent with COPY FROM STDIN — one round trip per table per flush instead of one
// per row. Single writer: the store takes an advisory lock in every write transaction.
#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <map>

#include "store/db.h"

namespace ng::store {
namespace {

// postgresql://user:secret@host/db -> postgresql://user:***@host/db (for messages).
std::string Redact(const std::string& uri) {
  size_t scheme = uri.find("://");
  size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

std::string Dollarize(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> Text(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return std::string(buf);
  }
  return std::get<std::string>(v);
}

class PostgresDb : public Db {
 public:
  PostgresDb(std::unique_ptr<pqxx::connection> c, std::string label)
      : conn_(std::move(c)), label_(std::move(label)), tx_(std::make_unique<pqxx::nontransaction>(*conn_)) {}
  ~PostgresDb() override {
    if (in_tx_) Rollback();
    tx_.reset();
  }
  std::string dialect() const override { return "postgres"; }

  Status Error(const std::exception& e, const std::string& what) const {
    std::string m = e.what();
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    // A server shutting down (SQLSTATE 57P01-57P03) can report it as an error of the statement
    // in flight (seen in a COPY during `pg_ctl restart`) before libpq sees the socket close.
    auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
    if (dynamic_cast<const pqxx::broken_connection*>(&e) || (sql && sql->sqlstate().rfind("57P", 0) == 0) ||
        m.find("terminating connection") != std::string::npos) {
      return Status(Code::kUnavailable, label_ + ": connection lost (" + m + "); the open batch was not committed, rerun to resume");
    }
    // SQLSTATE 25006: a read-only transaction (default_transaction_read_only, a hot standby).
    if (sql && sql->sqlstate() == "25006") {
      return IoError(label_ + ": the database is read-only (" + m + "); the open batch was rolled back, everything "
                     "committed before is kept; rerun once it accepts writes");
    }
    if (m.find("statement timeout") != std::string::npos) {
      return ResourceExhausted(label_ + ": the query ran longer than the statement timeout and was cancelled; narrow the filters");
    }
    if (m.find("No space left") != std::string::npos || m.find("could not extend") != std::string::npos) {
      return ResourceExhausted(label_ + ": the server's disk is full (" + m + "); the open batch was rolled back");
    }
    return Internal(label_ + ": " + what + ": " + m);
  }

  // Buffered COPY rows are not flushed here: the store calls Flush() when a statement must see
  // them (and Commit always does).
  Result<std::vector<Row>> Run(const std::string& sql, const std::vector<Value>& params) {
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const Value& v : params) texts.push_back(Text(v));
    std::vector<const char*> ptrs;
    for (const auto& t : texts) ptrs.push_back(t ? t->c_str() : nullptr);
    try {
      pqxx::result r = params.empty() ? tx_->exec(sql)
                                      : tx_->exec_params(Dollarize(sql), pqxx::prepare::make_dynamic_params(ptrs));
      std::vector<Row> rows;
      rows.reserve(r.size());
      for (const auto& row : r) {
        Row out(row.size());
        for (size_t i = 0; i < row.size(); ++i) {
          if (!row[static_cast<int>(i)].is_null()) out[i] = row[static_cast<int>(i)].c_str();
        }
        rows.push_back(std::move(out));
      }
      return rows;
    } catch (const std::exception& e) {
      return Error(e, "running SQL");
    }
  }

  Status Exec(const std::string& sql, const std::vector<Value>& params) override { return Run(sql, params).status(); }
  Result<std::vector<Row>> Query(const std::string& sql, const std::vector<Value>& params) override {
    return Run(sql, params);
  }
  Status Begin() override {
    NG_RETURN_IF_ERROR(Exec("BEGIN", {}));
    in_tx_ = true;
    // One writer per database, as SQLite's lock gives: a second ingest waits here.
    return Exec("SELECT pg_advisory_xact_lock(7270001)", {});
  }
  Status Commit() override {
    NG_RETURN_IF_ERROR(Flush());
    Status st = Exec("COMMIT", {});
    in_tx_ = false;
    return st;
  }
  void Rollback() override {
    pending_.clear();
    try {
      tx_->exec("ROLLBACK");
    } catch (...) {
    }
    in_tx_ = false;
  }
  Status Insert(const std::string& table, const std::vector<std::string>& columns,
                std::vector<Value> values) override {
    Pending& p = pending_[table];
    if (p.columns.empty()) p.columns = columns;
    std::vector<std::optional<std::string>> row;
    row.reserve(values.size());
    for (const Value& v : values) row.push_back(Text(v));
    p.rows.push_back(std::move(row));
    return Status::Ok();
  }
  Status Flush() override {
    if (pending_.empty()) return Status::Ok();
    std::map<std::string, Pending> todo;
    todo.swap(pending_);
    // Parents before children is not needed (no FK checks), but keep a fixed order anyway.
    for (auto& [table, p] : todo) {
      try {
        // libpqxx 6's stream_to takes tuples only; tablewriter (the same COPY FROM STDIN) takes
        // the text lines we build here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        pqxx::tablewriter copy(*tx_, table, p.columns.begin(), p.columns.end());
#pragma GCC diagnostic pop
        std::string line;
        for (const auto& row : p.rows) {
          line.clear();
          for (size_t i = 0; i < row.size(); ++i) {
            if (i) line += '\t';
            if (!row[i]) { line += "\\N"; continue; }
            for (char c : *row[i]) {
              switch (c) {
                case '\\': line += "\\\\"; break;
                case '\t': line += "\\t"; break;
                case '\n': line += "\\n"; break;
                case '\r': line += "\\r"; break;
                default: line += c;
              }
            }
          }
          copy.write_raw_line(line);
        }
        copy.complete();
      } catch (const std::exception& e) {
        return Error(e, "COPY into " + table);
      }
    }
    return Status::Ok();
  }
  Status SetStatementTimeout(int ms) override {
    return Exec("SET statement_timeout = " + std::to_string(ms > 0 ? ms : 0), {});
  }

 private:
  struct Pending {
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
  };
  std::unique_ptr<pqxx::connection> conn_;
  std::string label_;
  std::unique_ptr<pqxx::nontransaction> tx_;
  std::map<std::string, Pending> pending_;
  bool in_tx_ = false;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& uri) {
  std::string label = Redact(uri);
  try {
    auto c = std::make_unique<pqxx::connection>(uri);
    auto db = std::make_unique<PostgresDb>(std::move(c), label);
    NG_RETURN_IF_ERROR(db->Exec("SET client_min_messages = warning", {}));
    return std::unique_ptr<Db>(std::move(db));
  } catch (const std::exception& e) {
    std::string m = e.what();
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return Status(Code::kUnavailable, label + ": cannot connect to PostgreSQL (" + m +
                                          "); is the server running, and are host, port, user and database right?");
  }
}

}  // namespace ng::store
