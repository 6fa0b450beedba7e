#include "core/json/body.hpp"

#include <boost/json.hpp>

#include "core/json/strict_parse.hpp"

namespace kiorex::json {

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) n++;
  return n;
}

bool valid_text(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return false;
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; k++)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

namespace {
// Names the key when it is short enough to quote (cut at a character boundary).
std::string duplicate_key_detail(const std::string& key) {
  std::string shown = key.substr(0, 64);
  while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0x80)) shown.pop_back();
  if (shown.size() < key.size() || !valid_text(shown)) shown = "a key";
  else shown = "\"" + shown + "\"";
  return "The body has " + shown + " twice in one object; send each key once.";
}
}  // namespace

BodyReader::BodyReader(const http::Request& req, bool allow_empty) {
  if (req.body.empty()) {
    if (allow_empty) return;
    throw http::ApiError::bad_request("The request body must be a JSON object.");
  }
  auto ct = req.header("content-type");
  if (ct && ct->find("json") == std::string_view::npos)
    throw http::ApiError(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");
  auto parsed = parse_strict(req.body);
  if (parsed.outcome == StrictParse::Outcome::duplicate_key)
    throw http::ApiError::bad_request(duplicate_key_detail(parsed.duplicate_key));
  if (parsed.outcome != StrictParse::Outcome::ok || !parsed.value.is_object())
    throw http::ApiError::bad_request("The request body must be a JSON object.");
  obj_ = std::move(parsed.value.as_object());
}

std::optional<std::string> BodyReader::string(const char* field, bool required, size_t max_len, size_t min_len) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    fail(field, "must be a string");
    return std::nullopt;
  }
  std::string s(it->value().as_string());
  if (!valid_text(s)) {
    fail(field, "must be valid text");
    return std::nullopt;
  }
  size_t n = utf8_length(s);
  if (n > max_len) {
    fail(field, "must be at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  if (n < min_len || (required && n == 0)) {
    fail(field, min_len > 1 ? "must be at least " + std::to_string(min_len) + " characters" : "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> BodyReader::boolean(const char* field, bool required) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  if (!it->value().is_bool()) {
    fail(field, "must be true or false");
    return std::nullopt;
  }
  return it->value().as_bool();
}

std::optional<int64_t> BodyReader::integer(const char* field, bool required, int64_t min, int64_t max) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(field, "is required");
    return std::nullopt;
  }
  const auto& v = it->value();
  int64_t n;
  if (v.is_int64()) n = v.as_int64();
  else if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) n = static_cast<int64_t>(v.as_uint64());
  else {
    fail(field, "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> BodyReader::one_of(const char* field, bool required, const std::vector<std::string>& allowed) {
  auto s = string(field, required, 64);
  if (!s) return std::nullopt;
  for (const auto& a : allowed)
    if (a == *s) return s;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  fail(field, "must be one of: " + list);
  return std::nullopt;
}

void BodyReader::finish() const {
  if (!errors_.empty()) throw http::ApiError::validation(errors_);
}

std::string to_string(const boost::json::value& v) { return boost::json::serialize(v); }

}  // namespace kiorex::json
