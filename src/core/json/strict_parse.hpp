#pragma once
// JSON text as request bodies must be read: strict RFC 8259 (no comments, no trailing commas, valid
// UTF-8, bounded depth) and no object with the same key twice. Boost.JSON keeps the last of two equal
// keys; another parser (a proxy, a WAF, a client library) may keep the first, so two readers of the
// same body could disagree about what it says. A duplicate at any depth makes the whole text refused.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace kiorex::json {

struct StrictParse {
  enum class Outcome { ok, malformed, duplicate_key };
  Outcome outcome = Outcome::malformed;
  boost::json::value value;   // when ok
  std::string duplicate_key;  // when duplicate_key: the repeated key (as sent)
};

StrictParse parse_strict(std::string_view text, size_t max_depth = 32);

}  // namespace kiorex::json
