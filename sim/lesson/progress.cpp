#include "sim/lesson/progress.h"

#include <sqlite3.h>

#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

namespace kafkasim {
namespace {

[[noreturn]] void Fail(sqlite3* db, std::string_view what) {
  throw std::runtime_error(fmt::format("progress database: {}: {}", what, db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
    Fail(db, "preparing a statement");
  }
  return Statement(statement);
}

std::string Column(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

LessonProgress Row(sqlite3_stmt* s) {
  return LessonProgress{.slug = Column(s, 0), .steps_done = sqlite3_column_int(s, 1), .steps_total = sqlite3_column_int(s, 2),
                        .questions_right = sqlite3_column_int(s, 3), .questions_asked = sqlite3_column_int(s, 4),
                        .completed = sqlite3_column_int(s, 5) != 0, .updated = Column(s, 6)};
}

constexpr std::string_view kSelect =
    "SELECT slug, steps_done, steps_total, questions_right, questions_asked, completed, updated FROM progress";

}  // namespace

struct ProgressStore::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close_v2(handle); }
};

std::filesystem::path DefaultProgressPath() {
  const auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value == nullptr ? "" : value;
  };
  if (!env("KAFKASIM_DATA_DIR").empty()) return std::filesystem::path(env("KAFKASIM_DATA_DIR")) / "progress.db";
  // The XDG base directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  if (!env("XDG_DATA_HOME").empty() && env("XDG_DATA_HOME").front() == '/') {
    return std::filesystem::path(env("XDG_DATA_HOME")) / "kafkasim" / "progress.db";
  }
  if (!env("HOME").empty()) return std::filesystem::path(env("HOME")) / ".local" / "share" / "kafkasim" / "progress.db";
  return {};
}

ProgressStore::ProgressStore(const std::filesystem::path& path) : db_(std::make_unique<Db>()) {
  if (path.empty()) throw std::runtime_error("progress database: no data directory (set HOME or KAFKASIM_DATA_DIR)");
  std::error_code error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) throw std::runtime_error(fmt::format("progress database: cannot create {}: {}", path.parent_path().string(), error.message()));
  if (sqlite3_open_v2(path.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Fail(db_->handle, fmt::format("opening {}", path.string()));
  }
  sqlite3_busy_timeout(db_->handle, 2000);
  if (sqlite3_exec(db_->handle,
                   "CREATE TABLE IF NOT EXISTS progress ("
                   " slug TEXT PRIMARY KEY, steps_done INTEGER NOT NULL, steps_total INTEGER NOT NULL,"
                   " questions_right INTEGER NOT NULL, questions_asked INTEGER NOT NULL,"
                   " completed INTEGER NOT NULL, updated TEXT NOT NULL)",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    Fail(db_->handle, "creating the progress table");
  }
}

ProgressStore::~ProgressStore() = default;

std::optional<LessonProgress> ProgressStore::Get(const std::string& slug) const {
  Statement s = Prepare(db_->handle, fmt::format("{} WHERE slug = ?1", kSelect));
  sqlite3_bind_text(s.get(), 1, slug.data(), static_cast<int>(slug.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(s.get());
  if (rc == SQLITE_ROW) return Row(s.get());
  if (rc != SQLITE_DONE) Fail(db_->handle, "reading progress");
  return std::nullopt;
}

void ProgressStore::Save(const LessonProgress& p) {
  Statement s = Prepare(db_->handle,
                        "INSERT INTO progress VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now')) ON CONFLICT(slug) DO UPDATE SET"
                        " steps_done = ?2, steps_total = ?3, questions_right = ?4, questions_asked = ?5,"
                        " completed = max(completed, ?6), updated = datetime('now')");
  sqlite3_bind_text(s.get(), 1, p.slug.data(), static_cast<int>(p.slug.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int(s.get(), 2, p.steps_done);
  sqlite3_bind_int(s.get(), 3, p.steps_total);
  sqlite3_bind_int(s.get(), 4, p.questions_right);
  sqlite3_bind_int(s.get(), 5, p.questions_asked);
  sqlite3_bind_int(s.get(), 6, p.completed ? 1 : 0);
  if (sqlite3_step(s.get()) != SQLITE_DONE) Fail(db_->handle, "saving progress");
}

std::vector<LessonProgress> ProgressStore::All() const {
  Statement s = Prepare(db_->handle, fmt::format("{} ORDER BY slug", kSelect));
  std::vector<LessonProgress> all;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) all.push_back(Row(s.get()));
  if (rc != SQLITE_DONE) Fail(db_->handle, "reading progress");
  return all;
}

}  // namespace kafkasim
