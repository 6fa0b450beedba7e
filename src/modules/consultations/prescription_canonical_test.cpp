#include "modules/consultations/prescription_canonical.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kiorex::consultations {
namespace {

SignedPrescription sample() {
  SignedPrescription p;
  p.id = "rx_01hzx3k8q2d5e7f9g1h3j5k7m9";
  p.doctor_id = "usr_doc";
  p.registration_number = "DMC/12345";
  p.registration_council = "Delhi Medical Council";
  p.patient_id = "usr_pat";
  p.issued_at = "2026-03-09T13:05:12.345Z";
  p.items.push_back(boost::json::object{{"medicine", "Cetirizine"}, {"dose", "1 tablet"}, {"frequency", "once daily"},
                                        {"duration", "5 days"}, {"strength", "10 mg"}});
  p.advice = "Drink \"water\"\n";
  return p;
}

TEST(PrescriptionCanonical, ExactText) {
  EXPECT_EQ(canonical_form(sample()),
            R"({"advice":"Drink \"water\"\n","doctor":{"id":"usr_doc","registration":{"council":"Delhi Medical Council","number":"DMC/12345"}},)"
            R"("follow_up":null,"id":"rx_01hzx3k8q2d5e7f9g1h3j5k7m9","issued_at":"2026-03-09T13:05:12.345Z",)"
            R"("items":[{"dose":"1 tablet","duration":"5 days","form":null,"frequency":"once daily","instructions":null,)"
            R"("medicine":"Cetirizine","route":null,"strength":"10 mg"}],"patient":{"id":"usr_pat"}})");
}

TEST(PrescriptionCanonical, KeyOrderOfInputDoesNotMatter) {
  auto a = boost::json::parse(R"({"b":1,"a":{"y":[1,"x",null,true],"x":"é"}})");
  auto b = boost::json::parse(R"({"a":{"x":"é","y":[1,"x",null,true]},"b":1})");
  EXPECT_EQ(canonical_json(a), canonical_json(b));
  EXPECT_EQ(canonical_json(a), "{\"a\":{\"x\":\"é\",\"y\":[1,\"x\",null,true]},\"b\":1}");
  EXPECT_THROW(canonical_json(boost::json::parse("[1.5]")), std::invalid_argument);
}

TEST(PrescriptionCanonical, RoundTripAndRejections) {
  const std::string text = canonical_form(sample());
  auto back = parse_canonical(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(canonical_form(*back), text);
  EXPECT_EQ(back->registration_number, "DMC/12345");
  EXPECT_EQ(back->issued_at, "2026-03-09T13:05:12.345Z");
  EXPECT_FALSE(back->follow_up);
  // Whitespace, reordered keys, extra members or a missing member: not a canonical form.
  EXPECT_FALSE(parse_canonical(" " + text));
  EXPECT_FALSE(parse_canonical(R"({"id":"x"})"));
  std::string extra = text;
  extra.insert(1, R"("extra":1,)");
  EXPECT_FALSE(parse_canonical(extra));
  EXPECT_FALSE(parse_canonical("not json"));
  EXPECT_EQ(prescription_signing_input("{}"), "kiorex.prescription.v1\n{}");
}

}  // namespace
}  // namespace kiorex::consultations
