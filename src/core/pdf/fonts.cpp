#include "core/pdf/fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <stdexcept>

namespace kiorex::pdf {

namespace {

int application_fonts(FcConfig* config) {
  FcFontSet* set = FcConfigGetFonts(config, FcSetApplication);
  return set ? set->nfont : 0;
}

// Adds the files to `config`; returns those it could not add. A readable file that holds no font is
// accepted by fontconfig without adding anything: counted as failed too.
std::vector<std::string> add_fonts(FcConfig* config, const std::vector<std::string>& files) {
  std::vector<std::string> failed;
  for (const auto& f : files) {
    const int before = application_fonts(config);
    if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(f.c_str())) || application_fonts(config) <= before)
      failed.push_back(f);
  }
  return failed;
}

std::runtime_error missing_fonts_error(const std::vector<std::string>& missing) {
  std::string list;
  for (const auto& f : missing) list += (list.empty() ? "" : ", ") + f;
  return std::runtime_error("PDF fonts missing or unreadable: " + list +
                            " (install the Debian packages fonts-noto-core and fonts-dejavu-core: scripts/install-deps.sh)");
}

// An empty configuration (FcConfigCreate reads no system configuration and no system fonts) with our files.
FcConfig* build_config() {
  FcConfig* config = FcConfigCreate();
  if (!config) throw std::runtime_error("fontconfig: cannot create a configuration");
  if (auto failed = add_fonts(config, font_files()); !failed.empty()) {
    FcConfigDestroy(config);
    throw missing_fonts_error(failed);
  }
  return config;
}

}  // namespace

const std::vector<std::string>& font_files() {
  static const std::vector<std::string> files = {
      "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
      "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
      "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
      "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
      "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
      "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  };
  return files;
}

std::vector<std::string> unusable_fonts(const std::vector<std::string>& files) {
  FcConfig* probe = FcConfigCreate();
  if (!probe) throw std::runtime_error("fontconfig: cannot create a configuration");
  auto failed = add_fonts(probe, files);
  FcConfigDestroy(probe);
  return failed;
}

void require_fonts() { font_config(); }

_FcConfig* font_config() {
  // A failed build throws out of the initialiser, so the next call tries again (and reports again).
  static FcConfig* const config = build_config();
  return config;
}

}  // namespace kiorex::pdf
