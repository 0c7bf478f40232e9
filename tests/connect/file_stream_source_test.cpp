#include <catch2/catch.hpp>

#include "sim/connect/file_stream_source.h"
#include "tests/connect/connect_fixture.h"

using namespace kafkasim;
using kafkasim::testing::ScratchDir;

namespace {
std::vector<std::string> Texts(const std::vector<FileStreamSource::Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}
}  // namespace

TEST_CASE("a FileStreamSource reads complete lines and remembers each one's end as its offset") {
  ScratchDir dir("source-lines");
  dir.Write("in.txt", "one\ntwo\r\nthree\rfour");
  FileStreamSource source(dir / "in.txt", 2000);
  std::vector<FileStreamSource::Line> lines;
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kLines);
  // "four" has no end of line yet: it waits.
  CHECK(Texts(lines) == std::vector<std::string>{"one", "two", "three"});
  CHECK(lines[0].position == 4);
  CHECK(lines[1].position == 9);  // "\r\n" is one end of line
  CHECK(lines[2].position == 15);
  lines.clear();
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kNoData);
  std::ofstream(dir / "in.txt", std::ios::app) << "\nfive\n";
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kLines);
  CHECK(Texts(lines) == std::vector<std::string>{"four", "five"});
  CHECK(source.position() == 25);
}

TEST_CASE("a '\\r' at the end of what was read waits to see whether '\\n' follows") {
  ScratchDir dir("source-cr");
  dir.Write("in.txt", "a\r");
  FileStreamSource source(dir / "in.txt", 2000);
  std::vector<FileStreamSource::Line> lines;
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kNoData);
  std::ofstream(dir / "in.txt", std::ios::app) << "\nb\n";
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kLines);
  CHECK(Texts(lines) == std::vector<std::string>{"a", "b"});
  CHECK(lines[0].position == 3);  // no empty line between "\r" and "\n"
}

TEST_CASE("batch.size bounds a poll, and a seek resumes at a committed offset") {
  ScratchDir dir("source-batch");
  dir.Write("in.txt", "1\n2\n3\n4\n5\n");
  FileStreamSource source(dir / "in.txt", 2);
  std::vector<FileStreamSource::Line> lines;
  source.Poll(lines);
  CHECK(Texts(lines) == std::vector<std::string>{"1", "2"});
  FileStreamSource restarted(dir / "in.txt", 10);
  restarted.Seek(lines.back().position);
  lines.clear();
  restarted.Poll(lines);
  CHECK(Texts(lines) == std::vector<std::string>{"3", "4", "5"});
}

TEST_CASE("a missing file is waited for") {
  ScratchDir dir("source-missing");
  FileStreamSource source(dir / "later.txt", 10);
  std::vector<FileStreamSource::Line> lines;
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kMissing);
  dir.Write("later.txt", "here\n");
  CHECK(source.Poll(lines) == FileStreamSource::PollStatus::kLines);
  CHECK(Texts(lines) == std::vector<std::string>{"here"});
}
