#pragma once
// What every part of the users module shares: who the path names, the access check + subject
// lookup, If-Match, sealing JSON with the person's data key, change audit records, JSON responses.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/http/types.hpp"
#include "modules/users/access_policy.hpp"
#include "modules/users/parts.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::users {

// A row of the accounts table (owned by the auth module; read here, changed only for contact
// verification and erasure).
struct Person {
  std::string id, name, email, phone, role, status;
  bool email_verified = false, phone_verified = false, mfa_enabled = false;
  int64_t created_at = 0;
  bool dependent() const { return status == "dependent"; }
  bool erased() const { return status == "closed"; }
};

std::optional<Person> find_person(db::Database& db, const std::string& id);
std::optional<Person> find_person(db::Session& tx, const std::string& id);

// The user id the path names ("me" = the caller).
std::string path_subject(const http::Request& req);

// The access check every handler starts with, then the subject's account: 404 when the account does
// not exist or was erased. Returns the decision (its basis goes into change records).
struct Subject {
  AccessDecision decision;
  Person person;
};
Subject require_access(Deps& d, const http::Request& req, Access access, const char* what);

// The same for a route that read the account row together with its own data in one query (one round
// trip, one read transaction; `u` = `users u ... WHERE u.id = <path_subject>`), so `subject` is that
// row (nullopt: no such account). Nothing else the query read may be opened or returned before this
// returned. person_columns(): kPersonColumns (the whole Person, kPersonColumnCount columns) first in
// a row; a route that needs only the id and status may select kSubjectColumns and subject_columns().
extern const char* const kPersonColumns;
constexpr std::size_t kPersonColumnCount = 10;
extern const char* const kSubjectColumns;
constexpr std::size_t kSubjectColumnCount = 2;
std::optional<Person> person_columns(const db::ResultSet& rows);
std::optional<Person> subject_columns(const db::ResultSet& rows);
Person subject_columns(const db::RowView& row);  // the same from a streamed row (Database::query_rows)
Subject require_access(Deps& d, const http::Request& req, Access access, const char* what, std::optional<Person> subject);

// If-Match on an update: 428 when missing, 412 when it cannot match (not a version we issued).
int64_t required_if_match(const http::Request& req);
http::ApiError precondition_failed();

// Pagination query (?limit=&cursor=), 422 on bad values.
PageRequest page_of(const http::Request& req);

// Sealing with the owner's data key; the context binds the ciphertext to "<table>:<row id>".
std::string seal_json(Deps& d, db::Session& tx, const std::string& owner, const boost::json::value& v,
                      const std::string& context);
// Throws when the ciphertext cannot be opened (never expected for a live account).
boost::json::value open_json(Deps& d, const std::string& owner, const std::string& sealed, const std::string& context);
// The same, parsed into `sp` (e.g. one monotonic arena for a whole page of entries).
boost::json::value open_json(Deps& d, const std::string& owner, std::string_view sealed, const std::string& context,
                             boost::json::storage_ptr sp);

// An audit record for a change (create/update/delete) of one row, in the business transaction.
void audit_change(Deps& d, db::Session& tx, const http::Request& req, const std::string& subject_id,
                  const std::string& action, const std::string& resource, const std::string& basis,
                  boost::json::object details = {});

http::Response json_response(int status, const boost::json::value& v);
http::Response json_response(int status, const boost::json::object& o);  // no copy into a value
// A 200/201 with ETag.
http::Response json_with_etag(int status, const boost::json::value& v, int64_t version);
http::Response json_with_etag(int status, const boost::json::object& o, int64_t version);

// The profile (profile.cpp): the API's JSON of a person (decrypted), with its version for the ETag.
// pending_email/pending_phone are shown only to those who may change the profile (`show_pending`).
boost::json::object profile_json(Deps& d, const Person& p, int64_t* version = nullptr, bool show_pending = true);
extern const char* const kProfileSchema;
// A new profile row holding `phi` (e.g. a dependent's date of birth and sex), version 1.
void create_profile(Deps& d, db::Session& tx, const std::string& user_id, const boost::json::object& phi);

// A new medical history entry (medical_history.cpp): `content` (already validated by validate_history)
// sealed with the owner's data key under "medical_history:<id>", version 1, created/updated at `at`.
// POST /{id}/medical-history stores through it; so does `kiorex demo-data --patients` (bulk_seed.cpp).
void insert_history_entry(Deps& d, db::Session& tx, const std::string& id, const std::string& owner_id,
                          const std::string& kind, const boost::json::object& content, const std::string& recorded_by_id,
                          const std::string& recorded_by_role, int64_t at);

std::string iso(int64_t ms);
boost::json::value opt_iso(const std::optional<int64_t>& ms);

}  // namespace kiorex::users
