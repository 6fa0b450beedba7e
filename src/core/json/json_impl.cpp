// Boost.JSON and Boost.URL ship as headers only in Debian's 1.81: compiled here, once.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
