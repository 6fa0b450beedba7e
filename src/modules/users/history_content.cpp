#include "modules/users/history_content.hpp"

#include <optional>

#include "modules/users/validation.hpp"

namespace kiorex::users {

namespace {
constexpr std::string_view kPrefix = R"({"v":2,)";
}

void write_history_members(std::string& out, const boost::json::object& content) {
  auto member = [&](const char* name, const char* key, const char* dflt) {
    out += name;
    auto it = content.find(key);
    if (it == content.end()) out += dflt;
    else append_json(out, it->value());
  };
  member("\"title\":", "title", "\"\"");
  member(",\"notes\":", "notes", "\"\"");
  member(",\"code\":", "code", "null");
  member(",\"onset_date\":", "onset_date", "null");
  member(",\"end_date\":", "end_date", "null");
  member(",\"status\":", "status", "\"active\"");
  member(",\"details\":", "details", "{}");
}

std::string history_content_text(const boost::json::object& content) {
  std::string out(kPrefix);
  write_history_members(out, content);
  out += '}';
  return out;
}

std::optional<std::string_view> history_members_of(std::string_view text) {
  if (!text.starts_with(kPrefix) || !text.ends_with('}')) return std::nullopt;
  return text.substr(kPrefix.size(), text.size() - kPrefix.size() - 1);
}

}  // namespace kiorex::users
