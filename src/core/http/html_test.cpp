#include "core/http/html.hpp"

#include <gtest/gtest.h>

using kiorex::http::html_escape;
using kiorex::http::prefers_html;

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  EXPECT_EQ(html_escape("Dr Ana Müller"), "Dr Ana Müller");
}

TEST(PrefersHtml, BrowsersGetHtmlApiClientsGetJson) {
  EXPECT_TRUE(prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
  EXPECT_TRUE(prefers_html("text/html"));
  EXPECT_TRUE(prefers_html("application/json;q=0.5, text/html"));
  EXPECT_FALSE(prefers_html(""));
  EXPECT_FALSE(prefers_html("*/*"));
  EXPECT_FALSE(prefers_html("application/json"));
  EXPECT_FALSE(prefers_html("application/json, text/html"));  // a tie keeps today's JSON
  EXPECT_FALSE(prefers_html("text/html;q=0"));
  EXPECT_FALSE(prefers_html("text/html;q=abc"));
  EXPECT_FALSE(prefers_html(",,;;q=,"));
}

TEST(DoctorTitle, AddsDrOnce) {
  EXPECT_EQ(kiorex::http::doctor_title("Asha Rao"), "Dr Asha Rao");
  EXPECT_EQ(kiorex::http::doctor_title("Dr Asha Rao"), "Dr Asha Rao");
  EXPECT_EQ(kiorex::http::doctor_title("Dr. Asha Rao"), "Dr. Asha Rao");
  EXPECT_EQ(kiorex::http::doctor_title("Drew Hill"), "Dr Drew Hill");
}
