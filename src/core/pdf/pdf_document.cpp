#include "core/pdf/pdf_document.hpp"

#include <stdexcept>

namespace kiorex::pdf {

namespace {
void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS, void* user_data) {
  auto* failed = static_cast<HPDF_STATUS*>(user_data);
  if (*failed == 0) *failed = error_no ? error_no : 1;
}
}  // namespace

PdfDocument::PdfDocument(const char* title, HPDF_REAL margin, bool compress)
    : pdf_(HPDF_New(on_error, &failed_)), margin_(margin) {
  if (!pdf_) throw std::runtime_error("libharu: cannot create a document");
  HPDF_SetCompressionMode(pdf_, compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
  regular_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
  bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, "Kiorex");
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, title);
  new_page();
}

PdfDocument::~PdfDocument() { HPDF_Free(pdf_); }

void PdfDocument::new_page() {
  page_ = HPDF_AddPage(pdf_);
  HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  y_ = kHeight - margin_;
}

std::string PdfDocument::finish() {
  HPDF_SaveToStream(pdf_);
  HPDF_ResetStream(pdf_);
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf_);
  std::string out(size, '\0');
  HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  out.resize(size);
  if (failed_ != 0 && failed_ != HPDF_STREAM_EOF) throw std::runtime_error("libharu error " + std::to_string(failed_));
  return out;
}

}  // namespace kiorex::pdf
