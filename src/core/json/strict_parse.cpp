#include "core/json/strict_parse.hpp"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <vector>

namespace kiorex::json {

namespace {

namespace bj = boost::json;
using boost::system::error_code;

// A Boost.JSON SAX handler that builds the value on a value_stack (as boost::json::parser does) and
// remembers the keys of every open object, so the first repeated key stops the parse.
struct BuildRefusingDuplicates {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack st;
  std::vector<std::vector<std::string>> open_objects;  // keys seen so far, innermost last
  std::string key;                                     // the key being read (it may come in parts)
  std::string duplicate;
  bool found_duplicate = false;

  bool on_document_begin(error_code&) {
    st.reset();
    return true;
  }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    open_objects.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, error_code& ec) {
    // Sorting once per object keeps a body with many keys O(n log n), not O(n^2).
    auto& keys = open_objects.back();
    std::sort(keys.begin(), keys.end());
    auto twin = std::adjacent_find(keys.begin(), keys.end());
    if (twin != keys.end()) {
      duplicate = *twin;
      found_duplicate = true;
      ec = make_error_code(boost::system::errc::invalid_argument);
      return false;
    }
    open_objects.pop_back();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, error_code&) {
    st.push_chars(s);
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, error_code&) {
    st.push_key(s);
    key.append(s.data(), s.size());
    open_objects.back().push_back(std::move(key));
    key.clear();
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view, error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, error_code&) { return true; }
  bool on_comment(bj::string_view, error_code&) { return true; }
};

}  // namespace

StrictParse parse_strict(std::string_view text, size_t max_depth) {
  bj::parse_options opts;
  opts.max_depth = max_depth;
  bj::basic_parser<BuildRefusingDuplicates> p(opts);
  error_code ec;
  size_t used = p.write_some(false, text.data(), text.size(), ec);
  StrictParse out;
  if (p.handler().found_duplicate) {
    out.outcome = StrictParse::Outcome::duplicate_key;
    out.duplicate_key = std::move(p.handler().duplicate);
    return out;
  }
  if (ec || used != text.size() || !p.done()) return out;
  out.outcome = StrictParse::Outcome::ok;
  out.value = p.handler().st.release();
  return out;
}

}  // namespace kiorex::json
