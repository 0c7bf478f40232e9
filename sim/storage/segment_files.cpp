#include "sim/storage/segment_files.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace kafkasim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void Fail(const fs::path& path, std::string_view what) {
  throw std::runtime_error(fmt::format("{}: {}", path.string(), what));
}

void WriteBytes(const fs::path& path, Bytes bytes, std::ios::openmode mode) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) Fail(path.parent_path(), ec.message());
  std::ofstream out(path, std::ios::binary | mode);
  if (!out) Fail(path, "cannot open for writing");
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) Fail(path, "write failed");
}

}  // namespace

DirectoryFiles::DirectoryFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::remove_all(root_, ec);
  if (ec) Fail(root_, ec.message());
  fs::create_directories(root_, ec);
  if (ec) Fail(root_, ec.message());
}

void DirectoryFiles::Append(const std::string& path, Bytes bytes) {
  WriteBytes(root_ / path, bytes, std::ios::app);
}

void DirectoryFiles::Write(const std::string& path, Bytes bytes) {
  WriteBytes(root_ / path, bytes, std::ios::trunc);
}

void DirectoryFiles::Truncate(const std::string& path, int64_t size) {
  std::error_code ec;
  fs::resize_file(root_ / path, static_cast<uintmax_t>(size), ec);
  if (ec) Fail(root_ / path, ec.message());
}

void DirectoryFiles::Remove(const std::string& path) {
  std::error_code ec;
  fs::remove(root_ / path, ec);
  if (ec) Fail(root_ / path, ec.message());
}

void DirectoryFiles::RemoveDirectory(const std::string& path) {
  std::error_code ec;
  fs::remove_all(root_ / path, ec);
  if (ec) Fail(root_ / path, ec.message());
}

}  // namespace kafkasim
