#include "core/pdf/fonts.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace kiorex::pdf {
namespace {

TEST(PdfFonts, TheProjectsFontsAreInstalled) {
  EXPECT_TRUE(unusable_fonts(font_files()).empty()) << "run scripts/install-deps.sh";
  EXPECT_NO_THROW(require_fonts());
}

TEST(PdfFonts, MissingOrBrokenFontFilesAreNamed) {
  const auto bad = unusable_fonts({"/nonexistent/NotoSans-Regular.ttf", "/etc/hostname", font_files().front()});
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0], "/nonexistent/NotoSans-Regular.ttf");
  EXPECT_EQ(bad[1], "/etc/hostname");
}

}  // namespace
}  // namespace kiorex::pdf
