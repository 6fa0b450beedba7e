#include "modules/consultations/prescription_pdf.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kiorex::consultations {
namespace {

PrescriptionPdf sample(int items = 2) {
  PrescriptionPdf p;
  p.prescription_id = "rx_01hzx3k8q2d5e7f9g1h3j5k7m9";
  p.doctor_name = "Dr Asha Rao";
  p.registration_number = "DMC/12345";
  p.registration_council = "Delhi Medical Council";
  p.patient_name = "Priya Sharma";
  p.issued = "9 Mar 2026, 18:35 (Asia/Kolkata)";
  for (int i = 0; i < items; i++)
    p.items.push_back(boost::json::object{{"medicine", "Cetirizine" + std::to_string(i)}, {"strength", "10 mg"},
                                          {"form", "tablet"}, {"dose", "1 tablet"}, {"frequency", "once daily at night"},
                                          {"duration", "5 days"}, {"route", "oral"}, {"instructions", "may cause drowsiness"}});
  p.advice = "Avoid hot showers.\nUse a gentle moisturiser.";
  p.follow_up = "in 2 weeks";
  p.verify_url = "https://kiorex.example/v1/prescriptions/rx_01hzx3k8q2d5e7f9g1h3j5k7m9/verify?code=abcDEF123_-xyz";
  p.signed_by = "Ed25519 key 20260301T101500Z-1a2b3c4d";
  return p;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) n++;
  return n;
}

TEST(PrescriptionPdf, CarriesTheFactsAndTheQrCode) {
  const std::string pdf = prescription_pdf(sample(), false);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  // libharu writes page text as literal strings, escaping '/' and parentheses in octal.
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  for (const char* text : {"(Dr Asha Rao)", "(Registration DMC\\05712345, Delhi Medical Council)", "(Patient: Priya Sharma)",
                           "(Date: 9 Mar 2026, 18:35 \\050Asia\\057Kolkata\\051)", "Cetirizine0, 10 mg, tablet", "Cetirizine1",
                           "(once daily at night)", "(Instructions: may cause drowsiness)", "(Avoid hot showers.)",
                           "(Use a gentle moisturiser.)", "(in 2 weeks)", "abcDEF123_-xyz"})
    EXPECT_NE(pdf.find(text), std::string::npos) << text;
  // The QR code is drawn as one rectangle per dark module: a version-4+ code has hundreds.
  const auto modules = qr_modules(sample().verify_url);
  size_t dark = 0;
  for (const auto& row : modules)
    for (bool m : row) dark += m;
  EXPECT_GT(dark, 200u);
  EXPECT_GE(count(pdf, " re\n"), dark);
}

TEST(PrescriptionPdf, QrModulesAreSquareWithFinderPatterns) {
  const auto m = qr_modules("https://kiorex.example/v1/prescriptions/rx_x/verify?code=y");
  ASSERT_GE(m.size(), 21u);
  for (const auto& row : m) EXPECT_EQ(row.size(), m.size());
  // The top-left finder pattern: a dark 7x7 ring around a light ring around a dark 3x3 centre.
  for (int i = 0; i < 7; i++) {
    EXPECT_TRUE(m[0][i]);
    EXPECT_TRUE(m[6][i]);
    EXPECT_TRUE(m[i][0]);
    EXPECT_TRUE(m[i][6]);
  }
  EXPECT_FALSE(m[1][1]);
  EXPECT_TRUE(m[3][3]);
  EXPECT_THROW(qr_modules(std::string("a\0b", 3)), std::invalid_argument);
}

TEST(PrescriptionPdf, LongPrescriptionsFlowOntoMorePages) {
  auto p = sample(20);
  p.advice = std::string(3000, 'x') + " end";
  const std::string one = prescription_pdf(sample(1), false);
  const std::string many = prescription_pdf(p, false);
  EXPECT_EQ(count(one, "/Type /Page\r") + count(one, "/Type /Page\n"), 1u);
  EXPECT_GT(count(many, "/Type /Page\r") + count(many, "/Type /Page\n"), 1u);
  // The compressed form is what is stored.
  const std::string compressed = prescription_pdf(p);
  EXPECT_TRUE(compressed.starts_with("%PDF-"));
  EXPECT_LT(compressed.size(), many.size());
}

}  // namespace
}  // namespace kiorex::consultations
