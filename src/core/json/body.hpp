#pragma once
// Reading a JSON request body into typed fields while collecting every validation error, so a
// client learns all of its mistakes from one 422 instead of one per round trip.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/http/problem.hpp"
#include "core/http/types.hpp"

namespace kiorex::json {

class BodyReader {
 public:
  // Throws ApiError 400 for a body that is not a JSON object, has a key twice in one object (at any
  // depth: see strict_parse.hpp) or is not declared as JSON.
  explicit BodyReader(const http::Request& req, bool allow_empty = false);

  std::optional<std::string> string(const char* field, bool required, size_t max_len = 200, size_t min_len = 0);
  std::optional<bool> boolean(const char* field, bool required = false);
  std::optional<int64_t> integer(const char* field, bool required, int64_t min, int64_t max);
  // One of a fixed set of words.
  std::optional<std::string> one_of(const char* field, bool required, const std::vector<std::string>& allowed);
  void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
  bool has(const char* field) const { return obj_.contains(field); }
  const boost::json::object& object() const { return obj_; }
  const std::vector<http::FieldError>& errors() const { return errors_; }
  // Throws ApiError 422 listing every field error collected so far.
  void finish() const;

 private:
  boost::json::object obj_;
  std::vector<http::FieldError> errors_;
};

std::string to_string(const boost::json::value& v);
// Text fields: well-formed UTF-8 without control characters (tab and newline allowed); length in code points.
bool valid_text(std::string_view s);
size_t utf8_length(std::string_view s);

}  // namespace kiorex::json
