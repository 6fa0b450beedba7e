#include "modules/users/export_pdf.hpp"

#include <hpdf.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <vector>

#include "core/pdf/pdf_document.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::users {

namespace {

// Text of a JSON scalar for a line ("" for null).
std::string text(const boost::json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return std::string(v.as_string());
  return to_json(v);
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

class Writer : public pdf::PdfDocument {
 public:
  Writer() : PdfDocument("Kiorex data export", kMargin, true) {}

  void title(const std::string& s) { line(s, bold_, 18, 26); }
  void heading(const std::string& s) {
    y_ -= 8;
    line(s, bold_, 13, 18);
  }
  void para(const std::string& s) { line(s, regular_, 10, 13); }
  void kv(const std::string& k, const std::string& v) {
    if (!v.empty()) para(k + ": " + v);
  }

 private:
  static constexpr HPDF_REAL kMargin = 50;

  // One logical line, wrapped at word boundaries to the page width.
  void line(const std::string& utf8, HPDF_Font font, HPDF_REAL size, HPDF_REAL leading) {
    std::string s = to_latin1(utf8);
    if (s.empty()) s = " ";
    size_t pos = 0;
    while (pos < s.size()) {
      if (y_ - leading < kMargin) new_page();
      HPDF_Page_SetFontAndSize(page_, font, size);
      std::string rest = s.substr(pos);
      HPDF_UINT n = HPDF_Page_MeasureText(page_, rest.c_str(), kWidth - 2 * kMargin, HPDF_TRUE, nullptr);
      if (n == 0) n = HPDF_Page_MeasureText(page_, rest.c_str(), kWidth - 2 * kMargin, HPDF_FALSE, nullptr);
      if (n == 0) n = 1;
      std::string chunk = rest.substr(0, n);
      y_ -= leading;
      HPDF_Page_BeginText(page_);
      HPDF_Page_TextOut(page_, kMargin + (pos > 0 ? 12 : 0), y_, chunk.c_str());
      HPDF_Page_EndText(page_);
      pos += n;
      while (pos < s.size() && s[pos] == ' ') pos++;
    }
  }
};

}  // namespace

std::string export_pdf(const boost::json::object& doc) {
  Writer w;
  const auto& account = obj_at(doc, "account");
  const auto& profile = obj_at(doc, "profile");
  w.title("Kiorex data export");
  w.para("Everything Kiorex holds about " + field(account, "name") + " (" + field(account, "id") + "), exported " +
         field(doc, "exported_at") + ".");

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

  w.heading("Family");
  const auto& family = arr_at(doc, "family");
  if (family.empty()) w.para("(none)");
  for (const auto& v : family) {
    if (!v.is_object()) continue;
    const auto& f = v.as_object();
    w.para(field(f, "relationship") + ": " + field(obj_at(f, "member"), "name") + " (" + field(f, "kind") + ", " +
           field(f, "status") + ", " + field(f, "direction") + ")");
  }

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
  return w.finish();
}

}  // namespace kiorex::users
