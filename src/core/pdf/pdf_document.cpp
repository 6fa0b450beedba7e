#include "core/pdf/pdf_document.hpp"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <stdexcept>

#include "core/pdf/fonts.hpp"
#include "core/pdf/printable_text.hpp"

namespace kiorex::pdf {

namespace {

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

// Pango font maps are not thread-safe: one per thread, all on the one private font configuration.
PangoFontMap* thread_font_map() {
  thread_local GPtr<PangoFontMap> map = [] {
    FcConfig* config = font_config();
    GPtr<PangoFontMap> m(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
    if (!m) throw std::runtime_error("pango: no FreeType font map");
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m.get()), config);
    return m;
  }();
  return map.get();
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Where a line's baseline sits below the top of its line box: the box is `leading` high and the
// descenders (about a quarter of the size in Noto Sans) stay inside it.
double baseline_in_box(const TextStyle& s) { return s.leading - 0.25 * s.size; }

}  // namespace

struct PdfDocument::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  GPtr<PangoContext> context;

  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  GPtr<PangoLayout> layout(std::string_view text, double width, const TextStyle& style, double hanging_indent) {
    GPtr<PangoLayout> l(pango_layout_new(context.get()));
    PangoFontDescription* font = pango_font_description_from_string(kFontFamilies);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    // The documents are in English and their lines start with English labels ("Patient: ", "1. "): every
    // paragraph is left-to-right, right-to-left runs inside it are ordered right to left. (Pango's default
    // would take the direction from the first strong letter and turn "1. <Arabic name>, <phone>" around.)
    pango_layout_set_auto_dir(l.get(), FALSE);
    if (hanging_indent > 0) pango_layout_set_indent(l.get(), static_cast<int>(-hanging_indent * PANGO_SCALE));
    const std::string s = printable(text);
    pango_layout_set_text(l.get(), s.data(), static_cast<int>(s.size()));
    return l;
  }

  // Draws the line under `iter` with the top of its line box at `top`.
  void show_line(PangoLayoutIter* iter, double x, double top, const TextStyle& style) {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    cairo_move_to(cr, x + logical.x / double(PANGO_SCALE), top + baseline_in_box(style));
    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
  }
};

PdfDocument::PdfDocument(std::string_view title, double margin)
    : impl_(std::make_unique<Impl>()), margin_(margin), y_(margin) {
  PangoFontMap* map = thread_font_map();
  impl_->surface = cairo_pdf_surface_create_for_stream(append_bytes, &impl_->bytes, kWidth, kHeight);
  impl_->cr = cairo_create(impl_->surface);
  if (cairo_status(impl_->cr) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: cannot start a PDF: ") + cairo_status_to_string(cairo_status(impl_->cr)));
  const std::string t(title);
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE, t.c_str());
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "Kiorex");

  impl_->context.reset(pango_font_map_create_context(map));
  pango_context_set_base_dir(impl_->context.get(), PANGO_DIRECTION_LTR);
  // Points are the PDF's user units; outlines and advances unhinted, as a printer would place them.
  pango_cairo_context_set_resolution(impl_->context.get(), 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(impl_->context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_update_context(impl_->cr, impl_->context.get());
  cairo_set_source_rgb(impl_->cr, 0, 0, 0);
}

PdfDocument::~PdfDocument() = default;

void PdfDocument::new_page() {
  cairo_show_page(impl_->cr);
  y_ = margin_;
}

bool PdfDocument::ensure(double needed) {
  if (y_ + needed <= kHeight - margin_) return false;
  new_page();
  return true;
}

double PdfDocument::measure(std::string_view text, double width, const TextStyle& style) {
  auto l = impl_->layout(text, width, style, 0);
  return style.leading * pango_layout_get_line_count(l.get());
}

double PdfDocument::draw(std::string_view text, double x, double width, const TextStyle& style) {
  auto l = impl_->layout(text, width, style, 0);
  PangoLayoutIter* iter = pango_layout_get_iter(l.get());
  double top = y_;
  do {
    impl_->show_line(iter, x, top, style);
    top += style.leading;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return top - y_;
}

void PdfDocument::flow(std::string_view text, double x, double width, const TextStyle& style, double hanging_indent) {
  auto l = impl_->layout(text, width, style, hanging_indent);
  PangoLayoutIter* iter = pango_layout_get_iter(l.get());
  do {
    ensure(style.leading);
    impl_->show_line(iter, x, y_, style);
    y_ += style.leading;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

void PdfDocument::rule(double gray) {
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, margin_, y_);
  cairo_line_to(cr, kWidth - margin_, y_);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void PdfDocument::fill_rect(double x, double top, double width, double height, double gray) {
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_rectangle(cr, x, top, width, height);
  cairo_fill(cr);
  cairo_restore(cr);
}

void PdfDocument::fill_cells(const std::vector<std::vector<bool>>& cells, double x, double top, double cell) {
  cairo_t* cr = impl_->cr;
  for (size_t r = 0; r < cells.size(); r++)
    for (size_t c = 0; c < cells[r].size(); c++)
      if (cells[r][c]) cairo_rectangle(cr, x + cell * double(c), top + cell * double(r), cell, cell);
  cairo_fill(cr);
}

std::string PdfDocument::finish() {
  cairo_status_t drawn = cairo_status(impl_->cr);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  cairo_status_t written = cairo_surface_status(impl_->surface);
  if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: the PDF failed: ") +
                             cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written));
  return std::move(impl_->bytes);
}

}  // namespace kiorex::pdf
