#pragma once
// The stored form of a medical history entry's content (the part sealed with the person's data key:
// title, notes, code, dates, status, details) and its members in the API's JSON.
//
// Since the history page became the hottest read, new and changed entries are sealed in the API's own
// form: {"v":2,"title":…,"notes":…,"code":…,"onset_date":…,"end_date":…,"status":…,"details":…}, every
// member present (its default when the person left it out), in the order the API writes them, each
// value written by append_json. A list page then copies the decrypted text into the response between
// the entry's own columns instead of parsing and rewriting it (same bytes). Texts sealed before are
// free-form objects: they are parsed and written member by member, with the same result. The "v" member
// is ignored by every reader that picks members by name.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::users {

// "title":…,…,"details":… (no braces) of `content`, defaults for missing members.
void write_history_members(std::string& out, const boost::json::object& content);

// The text to seal for `content`: {"v":2, + its members + }.
std::string history_content_text(const boost::json::object& content);

// The members part of a text written by history_content_text, or nullopt for an older free-form text.
// Only this program writes these texts and they are authenticated by the seal, so the prefix is enough.
std::optional<std::string_view> history_members_of(std::string_view text);

}  // namespace kiorex::users
