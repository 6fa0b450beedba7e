#include "core/pdf/printable_text.hpp"

#include <gtest/gtest.h>

namespace kiorex::pdf {
namespace {

TEST(PdfPrintable, KeepsEveryScriptAsWritten) {
  for (const char* s : {"Priya Śarmā देवी", "Łukasz Żółć, Ångström, Dvořák", "नमस्ते, क्षत्रिय, श्रीमती", "مرحبا بالعالم",
                        "Zoë 😀 ✓", "left\u200Eright\u200F"})
    EXPECT_EQ(printable(s), s);
}

TEST(PdfPrintable, ControlsBecomeSpacesAndLineBreaksStay) {
  EXPECT_EQ(printable("a\tb\x01" "c\x7F" "d\u0085e"), "a b c d e");
  EXPECT_EQ(printable("one\r\ntwo\rthree\nfour"), "one\ntwo\nthree\nfour");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a b");
}

TEST(PdfPrintable, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(printable("ok\xFF" "end"), "ok\uFFFD" "end");
  EXPECT_EQ(printable("cut \xE0\xA4"), "cut \uFFFD\uFFFD");  // one per byte of the cut sequence
}

TEST(PdfPrintable, BidiOverridesCannotReverseTheRestOfALine) {
  // "Paracetamol" then an override that would show the dose after it reversed.
  EXPECT_EQ(printable("Paracetamol\u202E 500 mg\u202C"), "Paracetamol 500 mg");
  EXPECT_EQ(printable("a\u202Ab\u202Bc\u202Dd"), "abcd");
  EXPECT_EQ(printable("\u2068a\u2069"), "\u2068a\u2069");  // isolates are what isolated() adds
}

TEST(PdfPrintable, ValuesAreIsolatedWithoutControlsOfTheirOwn) {
  EXPECT_EQ(isolated("مرحبا"), "\u2068مرحبا\u2069");
  EXPECT_EQ(isolated("a\u2069b\u2066c\u202Ed\te"), "\u2068abcd e\u2069");  // a PDI cannot end the isolate early
  EXPECT_EQ(isolated(""), "");
}

}  // namespace
}  // namespace kiorex::pdf
