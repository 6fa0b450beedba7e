#include "modules/consultations/prescription_canonical.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>
#include <vector>

namespace kiorex::consultations {

namespace {

void write(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      std::vector<const boost::json::key_value_pair*> members;
      members.reserve(o.size());
      for (const auto& kv : o) members.push_back(&kv);
      std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) { return a->key() < b->key(); });
      out += '{';
      for (size_t i = 0; i < members.size(); i++) {
        if (i) out += ',';
        out += boost::json::serialize(boost::json::string_view(members[i]->key()));
        out += ':';
        write(members[i]->value(), out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(e, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_:
      throw std::invalid_argument("canonical_json: numbers must be integers");
    default:
      out += boost::json::serialize(v);
  }
}

boost::json::value opt(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

}  // namespace

std::string canonical_json(const boost::json::value& v) {
  std::string out;
  write(v, out);
  return out;
}

std::string canonical_form(const SignedPrescription& p) {
  boost::json::array items;
  for (const auto& v : p.items) {
    const auto& in = v.as_object();
    boost::json::object item;
    for (const char* f : kItemFields) {
      auto* m = in.if_contains(f);
      item[f] = m && m->is_string() ? *m : boost::json::value(nullptr);
    }
    items.push_back(std::move(item));
  }
  boost::json::object doc{
      {"id", p.id},
      {"doctor", boost::json::object{{"id", p.doctor_id},
                                     {"registration", boost::json::object{{"number", p.registration_number},
                                                                          {"council", p.registration_council}}}}},
      {"patient", boost::json::object{{"id", p.patient_id}}},
      {"issued_at", p.issued_at},
      {"items", std::move(items)},
      {"advice", opt(p.advice)},
      {"follow_up", opt(p.follow_up)}};
  return canonical_json(doc);
}

std::optional<SignedPrescription> parse_canonical(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  const auto string_of = [](const boost::json::object& obj, const char* k) -> std::optional<std::string> {
    auto* m = obj.if_contains(k);
    if (!m || !m->is_string()) return std::nullopt;
    return std::string(m->as_string());
  };
  const auto object_of = [](const boost::json::object& obj, const char* k) -> const boost::json::object* {
    auto* m = obj.if_contains(k);
    return m && m->is_object() ? &m->as_object() : nullptr;
  };
  SignedPrescription p;
  const auto* doctor = object_of(o, "doctor");
  const auto* reg = doctor ? object_of(*doctor, "registration") : nullptr;
  const auto* patient = object_of(o, "patient");
  auto id = string_of(o, "id");
  auto issued = string_of(o, "issued_at");
  auto doctor_id = doctor ? string_of(*doctor, "id") : std::nullopt;
  auto number = reg ? string_of(*reg, "number") : std::nullopt;
  auto council = reg ? string_of(*reg, "council") : std::nullopt;
  auto patient_id = patient ? string_of(*patient, "id") : std::nullopt;
  auto* items = o.if_contains("items");
  if (!id || !issued || !doctor_id || !number || !council || !patient_id || !items || !items->is_array()) return std::nullopt;
  p.id = *id;
  p.issued_at = *issued;
  p.doctor_id = *doctor_id;
  p.registration_number = *number;
  p.registration_council = *council;
  p.patient_id = *patient_id;
  for (const auto& it : items->as_array())
    if (!it.is_object()) return std::nullopt;
  p.items = items->as_array();
  for (const char* k : {"advice", "follow_up"}) {
    auto* m = o.if_contains(k);
    if (!m) return std::nullopt;
    if (m->is_string()) (std::string_view(k) == "advice" ? p.advice : p.follow_up) = std::string(m->as_string());
    else if (!m->is_null()) return std::nullopt;
  }
  // Only a text this code would have written is a canonical form (no extra members, the same order and escapes).
  if (canonical_form(p) != text) return std::nullopt;
  return p;
}

std::string prescription_signing_input(std::string_view canonical) {
  std::string s(kPrescriptionSigningPurpose);
  s += canonical;
  return s;
}

}  // namespace kiorex::consultations
