// Where a person's data lives in the tables the users module answers for: its own, the auth module's
// account tables (the users module exports and erases the account) and the core's. Each export part names
// the tables it returns; every other table is declared with the reason it holds nothing to export.
// personal_data_test.cpp walks the migrated schema and fails on a table that is in neither list.
#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/module.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

boost::json::object export_sign_in(Deps& d, const std::string& user_id) {
  boost::json::array sessions;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary,
                                      "SELECT id, created_at, expires_at, remember, revoked_at, revoke_reason, ip, user_agent "
                                      "FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
                                      {user_id}).rows)
    sessions.push_back(boost::json::object{{"id", r.str(0)},
                                           {"created_at", iso(r.i64(1))},
                                           {"expires_at", iso(r.i64(2))},
                                           {"remember_device", r.i64(3) != 0},
                                           {"ended_at", opt_iso(r.opt_i64(4))},
                                           {"end_reason", r.is_null(5) ? boost::json::value(nullptr) : boost::json::value(r.str(5))},
                                           {"ip", r.is_null(6) ? boost::json::value(nullptr) : boost::json::value(r.str(6))},
                                           {"browser", r.is_null(7) ? boost::json::value(nullptr) : boost::json::value(r.str(7))}});
  boost::json::array social;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary,
                                      "SELECT provider, subject, created_at FROM social_identities WHERE user_id = $1 "
                                      "ORDER BY created_at, provider",
                                      {user_id}).rows)
    social.push_back(boost::json::object{{"provider", r.str(0)}, {"subject", r.str(1)}, {"linked_at", iso(r.i64(2))}});
  return {{"sign_in", boost::json::object{{"sessions", std::move(sessions)}, {"social_identities", std::move(social)}}}};
}

std::vector<ExportPart> own_export_parts(Deps& d) {
  auto part = [&d](std::string name, std::vector<std::string> tables,
                   boost::json::object (*read)(Deps&, const std::string&)) {
    return ExportPart{std::move(name), std::move(tables), [&d, read](const std::string& id) { return read(d, id); }};
  };
  return {
      part("profile", {"users", "user_profiles", "contact_changes"}, &export_profile),  // account + profile
      part("medical_history", {"medical_history"}, &export_history),
      part("family", {"family_links"}, &export_family),
      part("emergency_contacts", {"emergency_contacts"}, &export_emergency_contacts),
      part("consents", {"consents"}, &export_consents),
      part("sign_in", {"sessions", "social_identities"}, &export_sign_in),
      ExportPart{"access_log", {"audit_log", "audit_subject_index"},
                 [&d](const std::string& id) { return boost::json::object{{"access_log", full_access_log(d, id)}}; }},
  };
}

std::vector<NotExported> own_tables_not_exported() {
  return {
      {"schema_migrations", "which migrations ran: no person's data"},
      {"refresh_tokens", "SHA-256 hashes of the refresh tokens of the sessions the sign_in member lists: secrets, no data"},
      {"otp_codes", "hashes of one-time codes sent to the account's own addresses (shown in account); they expire in minutes"},
      {"recovery_codes", "hashes of MFA recovery codes: secrets that are never shown again"},
      {"data_keys", "the person's wrapped encryption key: a secret that protects their data, not data about them"},
      {"outbox_events", "messages and events on their way: a message is sealed with the master key until it is sent "
                        "to the person (they receive it), then its text is forgotten; events name ids only"},
      {"event_deliveries", "delivery bookkeeping of events: consumer names, event ids, attempts"},
      {"event_consumptions", "delivery bookkeeping of events: consumer names and event ids"},
      {"dead_letters", "events whose delivery failed, kept for an admin to replay: the same ids-only payloads as outbox_events"},
      {"dev_outbox", "the development mailbox that stands in for email and SMS: copies of messages sent to the person's own "
                     "addresses; erased with the person"},
      {"idempotency_keys", "stored answers to retried requests, sealed with a key only the client holds; purged after 24 h"},
      {"audit_index_state", "one counter of the audit log's index"},
      {"audit_chain_state", "where the keyed audit chain begins, and its seal: no person in it"},
      {"mfa_challenges_used", "ids of MFA challenge tokens already exchanged and when they expire: no person in it"},
  };
}

}  // namespace kiorex::users
