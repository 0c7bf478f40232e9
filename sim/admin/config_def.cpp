#include "sim/admin/config_def.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace kafkasim {
namespace {

std::string_view Trim(std::string_view s) {  // String.trim: characters <= ' '
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// Long.parseLong / Integer.parseInt / Short.parseShort: optional sign, ASCII digits, in range.
std::optional<int64_t> ParseJavaInteger(std::string_view s, int64_t min, int64_t max) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (s[0] == '-' || s[0] == '+') i = 1;
  if (i == s.size()) return std::nullopt;
  uint64_t magnitude = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const auto digit = static_cast<uint64_t>(s[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (negative) {
    // -min as unsigned: min is at most 0, so this never overflows.
    if (magnitude > static_cast<uint64_t>(-(min + 1)) + 1) return std::nullopt;
    return magnitude == 0 ? 0 : -static_cast<int64_t>(magnitude - 1) - 1;
  }
  if (magnitude > static_cast<uint64_t>(max)) return std::nullopt;
  return static_cast<int64_t>(magnitude);
}

// Double.parseDouble for decimal text: [+-] (NaN | Infinity | digits[.digits][e[+-]digits]) [fFdD].
std::optional<double> ParseJavaDouble(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) negative = s[0] == '-', s.remove_prefix(1);
  if (s == "NaN") return std::nan("");
  if (s == "Infinity") return negative ? -INFINITY : INFINITY;
  if (!s.empty() && (s.back() == 'f' || s.back() == 'F' || s.back() == 'd' || s.back() == 'D'))
    s.remove_suffix(1);
  // Java accepts "1." and ".5"; from_chars wants a digit on the left.
  std::string text(s);
  if (!text.empty() && text[0] == '.') text.insert(text.begin(), '0');
  for (char c : text) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          c == '+' || c == '-')) {
      return std::nullopt;
    }
  }
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return negative ? -value : value;
}

// "a , b,c" -> [a, b, c]: Pattern "\\s*,\\s*" split with limit -1 (empty fields kept).
std::vector<std::string> SplitList(std::string_view trimmed) {
  std::vector<std::string> out;
  if (trimmed.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t comma = trimmed.find(',', start);
    const std::string_view field = trimmed.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    out.emplace_back(Trim(field));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string Invalid(std::string_view name, std::string_view value, std::string_view message) {
  return fmt::format("Invalid value {} for configuration {}: {}", value, name, message);
}

std::optional<std::string> Validate(const ConfigKeyDef& key, const ConfigValue& value) {
  const ConfigValidator& v = key.validator;
  switch (v.kind) {
    case ConfigValidator::Kind::kNone:
      return std::nullopt;
    case ConfigValidator::Kind::kRange: {
      if (std::holds_alternative<std::monostate>(value)) {
        return fmt::format("Invalid value null for configuration {}: Value must be non-null",
                           key.name);
      }
      const bool is_double = std::holds_alternative<double>(value);
      const double n =
          is_double ? std::get<double>(value) : static_cast<double>(std::get<int64_t>(value));
      const std::string shown = ConfigValueToString(value);
      if (v.min && n < static_cast<double>(*v.min))
        return Invalid(key.name, shown, fmt::format("Value must be at least {}", *v.min));
      if (v.max && n > static_cast<double>(*v.max))
        return Invalid(key.name, shown, fmt::format("Value must be no more than {}", *v.max));
      return std::nullopt;
    }
    case ConfigValidator::Kind::kValidString:
    case ConfigValidator::Kind::kValidList: {
      std::vector<std::string> items;
      if (const auto* s = std::get_if<std::string>(&value)) items.push_back(*s);
      if (const auto* l = std::get_if<std::vector<std::string>>(&value)) items = *l;
      for (const std::string& item : items) {
        if (std::find(v.valid.begin(), v.valid.end(), item) == v.valid.end()) {
          return Invalid(key.name, item,
                         fmt::format("String must be one of: {}", fmt::join(v.valid, ", ")));
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view ConfigTypeName(ConfigType type) {
  switch (type) {
    case ConfigType::kBoolean:
      return "BOOLEAN";
    case ConfigType::kString:
      return "STRING";
    case ConfigType::kInt:
      return "INT";
    case ConfigType::kShort:
      return "SHORT";
    case ConfigType::kLong:
      return "LONG";
    case ConfigType::kDouble:
      return "DOUBLE";
    case ConfigType::kList:
      return "LIST";
    case ConfigType::kClass:
      return "CLASS";
    case ConfigType::kPassword:
      return "PASSWORD";
  }
  return "?";
}

std::variant<ConfigValue, std::string> ParseConfigValue(const ConfigKeyDef& key,
                                                        std::string_view text) {
  const std::string_view trimmed = Trim(text);
  const auto not_a_number = [&] {
    return Invalid(key.name, text,
                   fmt::format("Not a number of type {}", ConfigTypeName(key.type)));
  };
  ConfigValue value;
  switch (key.type) {
    case ConfigType::kBoolean:
      if (EqualsIgnoreCase(trimmed, "true")) {
        value = true;
      } else if (EqualsIgnoreCase(trimmed, "false")) {
        value = false;
      } else {
        return Invalid(key.name, text, "Expected value to be either true or false");
      }
      break;
    case ConfigType::kString:
    case ConfigType::kClass:
      value = std::string(trimmed);
      break;
    case ConfigType::kPassword:
      value = std::string(text);
      break;
    case ConfigType::kInt:
    case ConfigType::kShort:
    case ConfigType::kLong: {
      const int64_t min = key.type == ConfigType::kInt     ? INT32_MIN
                          : key.type == ConfigType::kShort ? INT16_MIN
                                                           : INT64_MIN;
      const int64_t max = key.type == ConfigType::kInt     ? INT32_MAX
                          : key.type == ConfigType::kShort ? INT16_MAX
                                                           : INT64_MAX;
      const auto n = ParseJavaInteger(trimmed, min, max);
      if (!n) return not_a_number();
      value = *n;
      break;
    }
    case ConfigType::kDouble: {
      const auto d = ParseJavaDouble(trimmed);
      if (!d) return not_a_number();
      value = *d;
      break;
    }
    case ConfigType::kList:
      value = SplitList(trimmed);
      break;
  }
  if (auto error = Validate(key, value)) return *error;
  return value;
}

std::string JavaDoubleToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest digits that round-trip, then Java's layout: plain in [1e-3, 1e7), else d.dddE<exp>.
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  assert(ec == std::errc());
  std::string_view sci(buf, static_cast<size_t>(end - buf));
  const size_t e = sci.find('e');
  std::string mantissa(sci.substr(0, e));
  const int exponent = std::stoi(std::string(sci.substr(e + 1)));
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  const double magnitude = std::fabs(value);
  std::string out;
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const size_t int_len = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out = digits + std::string(int_len - digits.size(), '0') + ".0";
      } else {
        out = digits.substr(0, int_len) + "." + digits.substr(int_len);
      }
    } else {
      out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
  } else {
    out = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
          std::to_string(exponent);
  }
  return negative ? "-" + out : out;
}

std::string ConfigValueToString(const ConfigValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t n) const { return std::to_string(n); }
    std::string operator()(double d) const { return JavaDoubleToString(d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& l) const {
      return fmt::format("{}", fmt::join(l, ","));
    }
  };
  return std::visit(Visitor{}, value);
}

const ConfigValue& ParsedConfig::Get(std::string_view name) const {
  auto it = values_.find(name);
  assert(it != values_.end() && "config key is defined");
  return it->second;
}
bool ParsedConfig::IsNull(std::string_view name) const {
  return std::holds_alternative<std::monostate>(Get(name));
}
bool ParsedConfig::GetBool(std::string_view name) const { return std::get<bool>(Get(name)); }
int64_t ParsedConfig::GetLong(std::string_view name) const { return std::get<int64_t>(Get(name)); }
int32_t ParsedConfig::GetInt(std::string_view name) const {
  return static_cast<int32_t>(std::get<int64_t>(Get(name)));
}
double ParsedConfig::GetDouble(std::string_view name) const { return std::get<double>(Get(name)); }
const std::string& ParsedConfig::GetString(std::string_view name) const {
  return std::get<std::string>(Get(name));
}
const std::vector<std::string>& ParsedConfig::GetList(std::string_view name) const {
  return std::get<std::vector<std::string>>(Get(name));
}

AdminResult<ParsedConfigs> ParseConfigs(
    std::span<const ConfigKeyDef> defs,
    const std::map<std::string, std::string, std::less<>>& props) {
  ParsedConfigs out;
  for (const ConfigKeyDef& key : defs) {
    auto given = props.find(key.name);
    if (given == props.end() && !key.default_value) {
      out.values.Set(std::string(key.name), std::monostate{});
      continue;
    }
    const std::string_view text =
        given != props.end() ? std::string_view(given->second) : *key.default_value;
    auto parsed = ParseConfigValue(key, text);
    if (auto* error = std::get_if<std::string>(&parsed)) {
      assert(given != props.end() && "Kafka's own defaults are valid");
      return MakeAdminError(exceptions::kConfigException, std::move(*error));
    }
    out.values.Set(std::string(key.name), std::move(std::get<ConfigValue>(parsed)));
  }
  for (const auto& [name, value] : props) {
    const bool known = std::any_of(defs.begin(), defs.end(),
                                   [&](const ConfigKeyDef& d) { return d.name == name; });
    if (!known) out.unknown.push_back(name);
  }
  return out;
}

}  // namespace kafkasim
