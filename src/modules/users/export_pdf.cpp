#include "modules/users/export_pdf.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/pdf/pdf_document.hpp"
#include "core/pdf/printable_text.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::users {

namespace {

// Text of a JSON scalar for a line ("" for null), isolated so that a right-to-left value does not turn the
// rest of its line around (pdf::isolated).
std::string text(const boost::json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return pdf::isolated(v.as_string());
  return pdf::isolated(to_json(v));
}

std::string field(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? "" : text(it->value());
}

const boost::json::object& obj_at(const boost::json::object& o, const char* key) {
  static const boost::json::object empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? it->value().as_object() : empty;
}

const boost::json::array& arr_at(const boost::json::object& o, const char* key) {
  static const boost::json::array empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? it->value().as_array() : empty;
}

// Any JSON value on one line, members as "key: value" ("" for null, members with null values left out):
// {"a":1,"b":{"c":"x"}} -> "a: 1, b: (c: x)"; ["x","y"] -> "x; y".
std::string inline_text(const boost::json::value& v) {
  if (v.is_object()) {
    std::string s;
    for (const auto& kv : v.as_object()) {
      if (kv.value().is_null()) continue;
      std::string inner = inline_text(kv.value());
      if (kv.value().is_structured()) inner = "(" + inner + ")";
      s += (s.empty() ? "" : ", ") + std::string(kv.key()) + ": " + inner;
    }
    return s;
  }
  if (v.is_array()) {
    std::string s;
    for (const auto& e : v.as_array()) {
      std::string inner = inline_text(e);
      if (e.is_object()) inner = "(" + inner + ")";
      s += (s.empty() ? "" : "; ") + inner;
    }
    return s;
  }
  return text(v);
}

class Writer {
 public:
  Writer() : doc_("Kiorex data export", kMargin) {}

  void title(const std::string& s) { line(s, {18, 26, true}); }
  void heading(const std::string& s) {
    doc_.skip(8);
    line(s, {13, 18, true});
  }
  void para(const std::string& s) { line(s, {10, 13, false}); }
  void kv(const std::string& k, const std::string& v) {
    if (!v.empty()) para(k + ": " + v);
  }
  std::string finish() { return doc_.finish(); }

 private:
  static constexpr double kMargin = 50;
  pdf::PdfDocument doc_;

  // One logical entry, wrapped to the page width; the lines after its first indented.
  void line(const std::string& s, const pdf::TextStyle& style) {
    doc_.flow(s, kMargin, pdf::PdfDocument::kWidth - 2 * kMargin, style, 12);
  }
};

void account_and_profile(Writer& w, const boost::json::object& doc) {
  const auto& account = obj_at(doc, "account");
  const auto& profile = obj_at(doc, "profile");
  w.heading("Account");
  for (const char* k : {"name", "email", "phone", "role", "status", "created_at"}) w.kv(k, field(account, k));

  w.heading("Profile");
  for (const char* k : {"date_of_birth", "sex", "preferred_language", "blood_group", "height_cm", "weight_kg", "photo_ref",
                        "pending_email", "pending_phone", "updated_at"})
    w.kv(k, field(profile, k));
  const auto& addr = obj_at(profile, "address");
  if (!addr.empty()) {
    std::string a;
    for (const char* k : {"line1", "line2", "city", "region", "postal_code", "country"})
      if (auto v = field(addr, k); !v.empty()) a += (a.empty() ? "" : ", ") + v;
    w.kv("address", a);
  }
}

void medical_history(Writer& w, const boost::json::object& doc) {
  w.heading("Medical history");
  const auto& history = arr_at(doc, "medical_history");
  if (history.empty()) w.para("(none)");
  for (const auto& v : history) {
    if (!v.is_object()) continue;
    const auto& e = v.as_object();
    std::string s = "[" + field(e, "kind") + "] " + field(e, "title") + " - " + field(e, "status");
    if (auto on = field(e, "onset_date"); !on.empty()) s += ", since " + on;
    if (auto end = field(e, "end_date"); !end.empty()) s += ", until " + end;
    const auto& code = obj_at(e, "code");
    if (!code.empty()) s += ", " + field(code, "system") + " " + field(code, "value");
    const auto& details = obj_at(e, "details");
    for (const auto& kv : details) s += ", " + std::string(kv.key()) + " " + text(kv.value());
    if (auto n = field(e, "notes"); !n.empty()) s += ". " + n;
    if (auto del = field(e, "deleted_at"); !del.empty()) s += " (deleted " + del + ")";
    w.para(s);
  }
}

void family(Writer& w, const boost::json::object& doc) {
  w.heading("Family");
  const auto& family = arr_at(doc, "family");
  if (family.empty()) w.para("(none)");
  for (const auto& v : family) {
    if (!v.is_object()) continue;
    const auto& f = v.as_object();
    w.para(field(f, "relationship") + ": " + field(obj_at(f, "member"), "name") + " (" + field(f, "kind") + ", " +
           field(f, "status") + ", " + field(f, "direction") + ")");
  }
}

void emergency_contacts(Writer& w, const boost::json::object& doc) {
  w.heading("Emergency contacts");
  const auto& contacts = arr_at(doc, "emergency_contacts");
  if (contacts.empty()) w.para("(none)");
  for (const auto& v : contacts) {
    if (!v.is_object()) continue;
    const auto& c = v.as_object();
    std::string s = field(c, "priority") + ". " + field(c, "name");
    if (auto r = field(c, "relationship"); !r.empty()) s += " (" + r + ")";
    s += ", " + field(c, "phone");
    if (auto e = field(c, "email"); !e.empty()) s += ", " + e;
    if (auto n = field(c, "notes"); !n.empty()) s += ". " + n;
    w.para(s);
  }
}

void consents(Writer& w, const boost::json::object& doc) {
  w.heading("Consents");
  const auto& consents = obj_at(doc, "consents");
  const auto& chist = arr_at(consents, "history");
  if (chist.empty()) w.para("(none recorded)");
  for (const auto& v : chist) {
    if (!v.is_object()) continue;
    const auto& c = v.as_object();
    bool granted = c.contains("granted") && c.at("granted").is_bool() && c.at("granted").as_bool();
    w.para(field(c, "at") + "  " + field(c, "purpose") + ": " + (granted ? "granted" : "withdrawn") + " (text " +
           field(c, "text_version") + ")");
  }
}

void access_log(Writer& w, const boost::json::object& doc) {
  w.heading("Access log");
  const auto& log = arr_at(doc, "access_log");
  if (log.empty()) w.para("(none)");
  for (const auto& v : log) {
    if (!v.is_object()) continue;
    const auto& a = v.as_object();
    const auto& actor = obj_at(a, "actor");
    std::string s = field(a, "at") + "  " + field(actor, "name") + " (" + field(actor, "role") + ") " +
                    field(a, "action") + " " + field(a, "what") + ", basis " + field(a, "basis");
    if (auto o = field(a, "outcome"); !o.empty() && o != "success") s += ", " + o;
    if (auto r = field(a, "reason"); !r.empty()) s += ", reason: " + r;
    w.para(s);
  }
}

// A member without wording of its own: an array one line per entry, an object one line per member, a
// scalar on its line.
void generic_section(Writer& w, std::string_view key, const boost::json::value& v) {
  w.heading(section_title(key));
  if (v.is_array()) {
    if (v.as_array().empty()) w.para("(none)");
    for (const auto& e : v.as_array()) w.para(inline_text(e));
  } else if (v.is_object()) {
    if (v.as_object().empty()) w.para("(none)");
    for (const auto& kv : v.as_object()) w.kv(std::string(kv.key()), inline_text(kv.value()));
  } else {
    w.para(v.is_null() ? "(none)" : inline_text(v));
  }
}

}  // namespace

std::string section_title(std::string_view key) {
  std::string s(key);
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string export_pdf(const boost::json::object& doc) {
  Writer w;
  const auto& account = obj_at(doc, "account");
  w.title("Kiorex data export");
  w.para("Everything Kiorex holds about " + field(account, "name") + " (" + field(account, "id") + "), exported " +
         field(doc, "exported_at") + ".");
  account_and_profile(w, doc);
  medical_history(w, doc);
  family(w, doc);
  emergency_contacts(w, doc);
  consents(w, doc);
  access_log(w, doc);
  // Members with their own wording above (exported_at is in the introduction); the others follow.
  static const std::set<std::string_view> worded = {"exported_at", "account", "profile", "medical_history", "family",
                                                    "emergency_contacts", "consents", "access_log"};
  for (const auto& kv : doc)
    if (!worded.contains(kv.key())) generic_section(w, kv.key(), kv.value());
  return w.finish();
}

}  // namespace kiorex::users
