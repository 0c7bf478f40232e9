#pragma once
// Java .properties files, read the way java.util.Properties.load(Reader) reads them, because
// Kafka and ZooKeeper load their configuration files with it:
//  - a line whose first non-blank character is '#' or '!' is a comment; blank lines are skipped;
//  - a line ending in an odd number of backslashes continues on the next line, whose leading
//    blanks are dropped (comment lines never continue);
//  - the key ends at the first unescaped '=', ':' or blank; blanks around the separator are
//    skipped, and one '=' or ':' after blanks is the separator too;
//  - escapes: \t \n \r \f, \uXXXX (UTF-16, written out as UTF-8), and '\' before any other
//    character stands for that character ("\:" is ':', "\\" is '\');
//  - a key given twice keeps the last value.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kafkasim {

class Properties {
 public:
  void Set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  std::optional<std::string> Get(std::string_view key) const;
  std::string GetOr(std::string_view key, std::string fallback) const;
  bool Has(std::string_view key) const { return values_.find(key) != values_.end(); }
  // Sorted by key: deterministic to iterate.
  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

Properties ParseProperties(std::string_view text);

// A boolean property as Kafka's tools read one: "true" in any case, blanks around it ignored;
// anything else is false.
bool IsTrueProperty(std::string_view value);

}  // namespace kafkasim
