// db.h — the little SQL surface the store needs, implemented for SQLite and PostgreSQL, so the
// store's logic (ids, dedup, clustering, queries, exports) is written once. SQL uses `?`
// placeholders; the PostgreSQL side rewrites them to $1, $2…
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "newsgraph/status.h"

namespace ng::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Row = std::vector<std::optional<std::string>>;  // text form of each column; nullopt = NULL

class Db {
 public:
  virtual ~Db() = default;
  virtual std::string dialect() const = 0;  // "sqlite" or "postgres"
  virtual Status Exec(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  virtual Result<std::vector<Row>> Query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  // Write transaction: the store is the only writer while it is open.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // Appends a row to `table`. SQLite inserts at once (cached statement); PostgreSQL buffers rows
  // and sends them with COPY at Flush (and before any Query/Exec in the same transaction).
  virtual Status Insert(const std::string& table, const std::vector<std::string>& columns,
                        std::vector<Value> values) = 0;
  virtual Status Flush() = 0;
  // Statements running longer than `ms` (> 0) are cancelled and fail with kResourceExhausted.
  virtual Status SetStatementTimeout(int ms) = 0;
};

// `path`: a file; created unless read_only. Errors are actionable one-liners.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, bool read_only);
// `uri`: postgresql://user@host:port/db?… (anything libpq accepts).
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& uri);

// A scalar from the first row / column: 0 when NULL or no row.
Result<int64_t> QueryInt(Db& db, const std::string& sql, const std::vector<Value>& params = {});

}  // namespace ng::store
