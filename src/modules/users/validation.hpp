#pragma once
// Pure rules of the users module: field checks that collect every error (one 422), the opaque
// pagination cursor, If-Match parsing, dates, and JSON text with plainly written numbers.
// Nothing here touches the database or HTTP, so it is unit-tested directly (validation_test.cpp).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/problem.hpp"
#include "core/json/body.hpp"

namespace kiorex::users {

// Checks the members of one JSON object, collecting errors named "<prefix><field>".
class Fields {
 public:
  Fields(const boost::json::object& obj, std::vector<http::FieldError>& errors, std::string prefix = "")
      : obj_(obj), errors_(errors), prefix_(std::move(prefix)) {}

  bool present(const char* f) const { return obj_.contains(f); }
  bool is_null(const char* f) const { return obj_.contains(f) && obj_.at(f).is_null(); }
  // Each reader: nullopt when absent or null (an error when `required`), or when invalid (error recorded).
  std::optional<std::string> str(const char* f, bool required, size_t min_len, size_t max_len);
  std::optional<std::string> word(const char* f, bool required, const std::vector<std::string>& allowed);
  std::optional<int64_t> integer(const char* f, bool required, int64_t min, int64_t max);
  std::optional<double> number(const char* f, bool required, double min, double max);
  std::optional<bool> boolean(const char* f, bool required);
  // YYYY-MM-DD, a real calendar date.
  std::optional<std::string> date(const char* f, bool required);
  // An object member (nullopt when absent/null; error when not an object).
  const boost::json::object* object(const char* f, bool required);
  // Every member not in `allowed` is an error.
  void only(std::initializer_list<const char*> allowed);
  void fail(const std::string& f, std::string message);
  const std::string& prefix() const { return prefix_; }
  const boost::json::object& obj() const { return obj_; }

 private:
  const boost::json::object& obj_;
  std::vector<http::FieldError>& errors_;
  std::string prefix_;
};

using json::utf8_length;  // the same text rules as every other request body (core/json/body.hpp)
using json::valid_text;
bool valid_date(std::string_view s);  // YYYY-MM-DD and a real date
std::string today_utc();              // YYYY-MM-DD
bool valid_language_tag(std::string_view s);  // BCP 47 shape, 2..35 characters

extern const std::vector<std::string> kSexes;
extern const std::vector<std::string> kBloodGroups;
extern const std::vector<std::string> kHistoryKinds;
extern const std::vector<std::string> kHistoryStatuses;
extern const std::vector<std::string> kCodeSystems;
extern const std::vector<std::string> kRelationships;
extern const std::vector<std::string> kConsentPurposes;

// PUT /v1/users/{id}: which fields the body sets. `phi` holds the encrypted profile members that are
// present (a JSON null clears one); name/email/phone are the account's own columns.
struct ProfileUpdate {
  std::optional<std::string> name;
  boost::json::object phi;
  std::optional<std::string> email;  // normalised
  std::optional<std::string> phone;  // normalised +E.164
};
ProfileUpdate validate_profile_update(const boost::json::object& body, std::vector<http::FieldError>& errors);
// The encrypted profile members, in the order the API shows them.
extern const std::vector<std::string> kProfilePhiFields;

// A medical history entry's encrypted content merged over `base` (empty for a new entry; for PUT
// the current content, so a body may carry only what changes). `kind` is in/out: the stored kind,
// replaced when the body names one.
boost::json::object validate_history(const boost::json::object& body, const boost::json::object& base,
                                     std::string& kind, bool is_update, std::vector<http::FieldError>& errors);

// An emergency contact's content (everything encrypted but priority), merged over `base` like above.
boost::json::object validate_emergency_contact(const boost::json::object& body, const boost::json::object& base,
                                               bool is_update, std::vector<http::FieldError>& errors);

// Email / phone as identifiers (same normalisation as sign-in).
std::optional<std::string> normalized_email(std::string_view raw);
std::optional<std::string> normalized_phone(std::string_view raw);

// Pagination: newest first by (created_at, id); the cursor is opaque base64url.
struct Cursor {
  int64_t at = 0;
  std::string id;
};
std::string encode_cursor(const Cursor& c);
std::optional<Cursor> decode_cursor(std::string_view text);
// limit 1..100 (default 50) and an optional cursor from query values; errors for bad ones.
struct PageRequest {
  int64_t limit = 50;
  std::optional<Cursor> after;
};
PageRequest parse_page(const std::optional<std::string>& limit, const std::optional<std::string>& cursor,
                       std::vector<http::FieldError>& errors);

// ETag "<version>". parse_if_match: the version in `"3"`, `W/"3"` or `3`; nullopt for anything else.
std::string etag_of(int64_t version);
std::optional<int64_t> parse_if_match(std::string_view header);

// JSON text like boost::json::serialize, but doubles as the shortest plain decimal ("58.5", not "5.85E1").
std::string to_json(const boost::json::value& v);
std::string to_json(const boost::json::object& o);  // the same, without copying the object into a value
// The same text appended to `out` (for responses written piece by piece); a JSON string literal of `s`.
void append_json(std::string& out, const boost::json::value& v);
void append_json_string(std::string& out, std::string_view s);

}  // namespace kiorex::users
